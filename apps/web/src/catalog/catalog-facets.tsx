import { Button, Checkbox, Input } from 'antd';
import { useId, useState } from 'react';
import type { CatalogFacets } from '../api/types';
import { NativeSelect } from '../components/native-select';
import { formatRate } from '../format/rate';
import { useVocabulary } from '../vocabulary/vocabulary';
import type { CatalogFilters } from './catalog-query';

const RATE_CAPS = [300, 350, 400, 450, 500, 600, 800];

export interface InstitutionOption {
  id: string;
  name: string;
  count: number | null;
}

interface Props {
  filters: CatalogFilters;
  facets: CatalogFacets | undefined;
  institutions: InstitutionOption[];
  onChange: (change: Partial<CatalogFilters>) => void;
}

/**
 * The catalog's filters. Counts say how many of the current results each choice keeps; a
 * facet with a choice made shows none, since its other values would widen the result.
 */
export function CatalogFacetsPanel({ filters, facets, institutions, onChange }: Props) {
  const vocabulary = useVocabulary().data;
  const ids = { kind: useId(), guarantees: useId(), org: useId(), amount: useId(), rate: useId() };
  const [amountText, setAmountText] = useState(filters.amountWan?.toString() ?? '');
  const [shownAmount, setShownAmount] = useState(filters.amountWan);
  if (shownAmount !== filters.amountWan) {
    // Cleared or changed from elsewhere (清除筛选, the address bar): the box follows.
    setShownAmount(filters.amountWan);
    setAmountText(filters.amountWan?.toString() ?? '');
  }
  // Applied when the visitor is done typing the figure, not at every digit.
  const commitAmount = () => {
    const wan = Number(amountText);
    const amountWan = amountText.trim() !== '' && Number.isFinite(wan) && wan > 0 ? wan : null;
    if (amountWan !== filters.amountWan) onChange({ amountWan });
    else if (amountWan === null) setAmountText('');
  };
  const countOf = (facet: string, code: string, chosen: boolean) =>
    chosen ? null : (facets?.distribution[facet]?.[code] ?? 0);

  const cleared =
    filters.kind.length === 0 &&
    filters.guarantees.length === 0 &&
    !filters.orgId &&
    filters.amountWan === null &&
    filters.maxRateBps === null;

  return (
    <div className="kjq-facets">
      <div className="kjq-facet" role="group" aria-labelledby={ids.kind}>
        <h3 id={ids.kind}>产品类型</h3>
        <Checkbox.Group
          value={filters.kind}
          onChange={(kind) => onChange({ kind })}
          options={(vocabulary?.productKinds ?? []).map(({ code, label }) => ({
            value: code,
            label: (
              <FacetLabel label={label} count={countOf('kind', code, filters.kind.length > 0)} />
            ),
          }))}
        />
      </div>

      <div className="kjq-facet" role="group" aria-labelledby={ids.guarantees}>
        <h3 id={ids.guarantees}>担保方式</h3>
        <Checkbox.Group
          value={filters.guarantees}
          onChange={(guarantees) => onChange({ guarantees })}
          options={(vocabulary?.guarantees ?? []).map(({ code, label }) => ({
            value: code,
            label: (
              <FacetLabel
                label={label}
                count={countOf('guarantees', code, filters.guarantees.length > 0)}
              />
            ),
          }))}
        />
      </div>

      <div className="kjq-facet">
        <h3>
          <label htmlFor={ids.org}>金融机构</label>
        </h3>
        <NativeSelect
          id={ids.org}
          placeholder="全部机构"
          value={filters.orgId}
          onChange={(orgId) => onChange({ orgId })}
          options={institutions.map(({ id, name, count }) => ({
            value: id,
            label: count === null ? name : `${name}（${count}）`,
          }))}
        />
      </div>

      <div className="kjq-facet">
        <h3>
          <label htmlFor={ids.amount}>融资金额</label>
        </h3>
        <Input
          id={ids.amount}
          type="number"
          inputMode="numeric"
          min={1}
          placeholder="需要多少"
          suffix="万元"
          value={amountText}
          onChange={(event) => setAmountText(event.target.value)}
          onBlur={commitAmount}
          onPressEnter={commitAmount}
        />
      </div>

      <div className="kjq-facet">
        <h3>
          <label htmlFor={ids.rate}>最低利率不高于</label>
        </h3>
        <NativeSelect
          id={ids.rate}
          placeholder="不限"
          value={filters.maxRateBps === null ? null : String(filters.maxRateBps)}
          onChange={(cap) => onChange({ maxRateBps: cap === null ? null : Number(cap) })}
          options={RATE_CAPS.map((bps) => ({ value: String(bps), label: formatRate(bps) }))}
        />
        {facets?.stats.rateMinBps && facets.stats.rateMinBps.min > 0 && (
          <p className="kjq-facet-hint">
            当前结果利率 {formatRate(facets.stats.rateMinBps.min)} 起
          </p>
        )}
      </div>

      <Button
        className="kjq-facet-reset"
        disabled={cleared}
        onClick={() =>
          onChange({ kind: [], guarantees: [], orgId: null, amountWan: null, maxRateBps: null })
        }
      >
        清除筛选
      </Button>
    </div>
  );
}

function FacetLabel({ label, count }: { label: string; count: number | null }) {
  return (
    <span>
      {label}
      {count !== null && <span className="kjq-facet-count">{count}</span>}
    </span>
  );
}
