import type { HTMLAttributes, ReactNode } from 'react';

/**
 * A titled white box. Ant Design's Card would do, but it brings Tabs, Dropdown and Menu along
 * (about 20 kB gzipped) into every page that shows one.
 */
export function Panel({
  title,
  extra,
  className,
  children,
  ...rest
}: { title?: ReactNode; extra?: ReactNode; children: ReactNode } & HTMLAttributes<HTMLElement>) {
  return (
    <section className={className ? `kjq-panel ${className}` : 'kjq-panel'} {...rest}>
      {(title || extra) && (
        <header className="kjq-panel-head">
          {title && <h2 className="kjq-panel-title">{title}</h2>}
          {extra}
        </header>
      )}
      <div className="kjq-panel-body">{children}</div>
    </section>
  );
}
