import type { ProductView } from '../api/types';
import { formatWanRange } from '../format/money';
import { formatRateRange } from '../format/rate';
import { formatTermRange } from '../format/term';

/** Amount, rate, term and approval time, the four figures a finance manager compares first. */
export function ProductTerms({ product }: { product: ProductView }) {
  const terms = [
    ['额度', formatWanRange(product.amountMin, product.amountMax)],
    // Equity is priced by valuation, not interest: its products carry a rate of 0.
    [
      '年利率',
      product.rateMaxBps === 0 ? '不适用' : formatRateRange(product.rateMinBps, product.rateMaxBps),
    ],
    ['期限', formatTermRange(product.termMinMonths, product.termMaxMonths)],
    ['审批时效', `${product.approvalDays} 个工作日`],
  ] as const;
  return (
    <dl className="kjq-terms">
      {terms.map(([name, value]) => (
        <div key={name}>
          <dt className="kjq-term-label">{name}</dt>
          <dd className="kjq-term-value">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
