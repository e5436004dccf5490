import { Tag } from 'antd';
import { Link } from 'react-router';
import type { ProductView } from '../api/types';
import { PATHS } from '../app/paths';
import { useLabel } from '../vocabulary/vocabulary';
import { ProductTerms } from './product-terms';
import { WhitelistTag } from './whitelist-tag';

/** One product of the catalog: who offers it, its terms at a glance, its guarantees. */
export function ProductCard({ product }: { product: ProductView }) {
  const label = useLabel();
  return (
    <article className="kjq-panel kjq-product-card" data-product-id={product.id}>
      <header className="kjq-product-card-head">
        <h2 className="kjq-product-name">
          <Link to={PATHS.product(product.id)}>{product.name}</Link>
        </h2>
        <Tag color="blue">{label('productKinds', product.kind)}</Tag>
      </header>
      <p className="kjq-institution">
        {product.institution.name} · {label('organizationKinds', product.institution.kind)}
      </p>
      <ProductTerms product={product} />
      <div className="kjq-tags">
        {product.eligibility.requiresWhitelist && <WhitelistTag />}
        {product.guarantees.map((guarantee) => (
          <Tag key={guarantee}>{label('guarantees', guarantee)}</Tag>
        ))}
      </div>
    </article>
  );
}
