import type { SelectHTMLAttributes } from 'react';

export interface NativeOption<T extends string> {
  value: T;
  label: string;
}

/**
 * The browser's own <select>: the phone's picker in WeChat, labelled like any form control, and
 * none of Ant Design's Select weight (about 20 kB gzipped) on the catalog's first load.
 */
export function NativeSelect<T extends string>({
  value,
  options,
  placeholder,
  onChange,
  className,
  ...rest
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> & {
  value: T | null;
  options: readonly NativeOption<T>[];
  /** The choice meaning "no filter", shown as the empty value. */
  placeholder?: string;
  onChange: (value: T | null) => void;
}) {
  return (
    <select
      {...rest}
      className={className ? `kjq-select ${className}` : 'kjq-select'}
      value={value ?? ''}
      onChange={(event) => onChange(event.target.value === '' ? null : (event.target.value as T))}
    >
      {placeholder !== undefined && <option value="">{placeholder}</option>}
      {options.map((option) => (
        <option key={option.value} value={option.value}>
          {option.label}
        </option>
      ))}
    </select>
  );
}
