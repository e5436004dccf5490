import { FilterOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Alert, Button, Empty, Grid, Input, Skeleton } from 'antd';
import { useEffect, useEffectEvent, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { unwrap } from '../api/api-error';
import { api } from '../api/client';
import { errorMessage } from '../api/error-messages';
import type { CatalogFacets } from '../api/types';
import { CatalogFacetsPanel, type InstitutionOption } from '../catalog/catalog-facets';
import {
  activeFilterCount,
  CATALOG_PAGE_SIZE,
  catalogQuery,
  type CatalogFilters,
  type CatalogSort,
  filtersFromParams,
  paramsFromFilters,
} from '../catalog/catalog-query';
import { ProductCard } from '../catalog/product-card';
import { NativeSelect } from '../components/native-select';
import { Pager } from '../components/pager';
import { Panel } from '../components/panel';
import { usePageTitle } from '../components/use-page-title';
import { useDebouncedValue } from '../components/use-debounced-value';
import { useVocabulary } from '../vocabulary/vocabulary';

/** Long enough to wait out a word being typed, short enough to feel live. */
const TYPING_PAUSE_MS = 250;

const SORT_OPTIONS: { value: CatalogSort; label: string }[] = [
  { value: 'relevance', label: '综合排序' },
  { value: 'rate', label: '利率最低' },
  { value: 'approvalDays', label: '审批最快' },
  { value: 'amountMax', label: '额度最高' },
  { value: 'newest', label: '最新上架' },
];

export default function CatalogPage() {
  usePageTitle('产品超市');
  const { md } = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  const [typed, setTyped] = useState(filters.q);
  const [addressWords, setAddressWords] = useState(filters.q);
  if (addressWords !== filters.q) {
    // Back, forward or a link changed the words: the box shows them.
    setAddressWords(filters.q);
    if (typed.trim() !== filters.q) setTyped(filters.q);
  }
  const settledWords = useDebouncedValue(typed, TYPING_PAUSE_MS);
  const [facetsOpen, setFacetsOpen] = useState(false);

  const update = (change: Partial<CatalogFilters>) => {
    // Any new filter starts again from the first page.
    setParams(paramsFromFilters({ ...filters, page: 1, ...change }), { replace: true });
  };
  const search = useEffectEvent((words: string) => {
    if (words.trim() !== filters.q) update({ q: words });
  });
  useEffect(() => search(settledWords), [settledWords]);

  const result = useQuery({
    queryKey: ['products', 'catalog', catalogQuery(filters)],
    queryFn: ({ signal }) =>
      unwrap(api.GET('/api/v1/products', { params: { query: catalogQuery(filters) }, signal })),
    placeholderData: keepPreviousData,
  });
  const institutions = useInstitutionOptions(result.data?.facets, filters.orgId);
  // Codes are shown by their labels: the list waits for them rather than flash codes.
  const labelled = !useVocabulary().isPending;

  const panel = (
    <CatalogFacetsPanel
      filters={filters}
      facets={result.data?.facets}
      institutions={institutions}
      onChange={update}
    />
  );
  const active = activeFilterCount(filters);

  return (
    <>
      <h1 className="kjq-page-title">产品超市</h1>
      <div className="kjq-catalog">
        {md && <Panel title="筛选">{panel}</Panel>}
        <section aria-label="产品列表">
          <Input.Search
            size="large"
            allowClear
            aria-label="搜索金融产品"
            placeholder="搜索产品、机构或关键词，如：知识产权质押、人才贷"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            onSearch={(words) => {
              setTyped(words);
              update({ q: words });
            }}
            loading={result.isFetching}
          />
          <div className="kjq-results-bar">
            <span aria-live="polite" className="kjq-result-count">
              {result.data ? `共 ${result.data.total} 款产品` : '正在查找…'}
            </span>
            <div className="kjq-results-tools">
              {!md && (
                <Button
                  icon={<FilterOutlined aria-hidden />}
                  aria-expanded={facetsOpen}
                  aria-controls="catalog-filters"
                  onClick={() => setFacetsOpen((open) => !open)}
                >
                  {active > 0 ? `筛选（${active}）` : '筛选'}
                </Button>
              )}
              <NativeSelect
                aria-label="排序方式"
                className="kjq-sort"
                value={filters.sort}
                options={SORT_OPTIONS}
                onChange={(sort) => update({ sort: sort ?? 'relevance' })}
              />
            </div>
          </div>

          {!md && facetsOpen && (
            <Panel
              id="catalog-filters"
              className="kjq-mobile-filters"
              title="筛选"
              extra={
                <Button type="primary" onClick={() => setFacetsOpen(false)}>
                  {result.data ? `查看 ${result.data.total} 款产品` : '完成'}
                </Button>
              }
            >
              {panel}
            </Panel>
          )}

          {result.isError && <Alert type="error" showIcon message={errorMessage(result.error)} />}
          {(result.isPending || !labelled) && <Skeleton active paragraph={{ rows: 6 }} />}
          {result.data?.items.length === 0 && (
            <Empty description="没有符合条件的产品，试试换个关键词或放宽筛选条件" />
          )}
          <div className="kjq-results">
            {labelled &&
              result.data?.items.map((product) => (
                <ProductCard key={product.id} product={product} />
              ))}
          </div>
          {result.data && result.data.total > CATALOG_PAGE_SIZE && (
            <Pager
              page={filters.page}
              pageCount={Math.ceil(result.data.total / CATALOG_PAGE_SIZE)}
              onChange={(page) => {
                setParams(paramsFromFilters({ ...filters, page }));
                window.scrollTo({ top: 0 });
              }}
            />
          )}
        </section>
      </div>
    </>
  );
}

/**
 * Every institution with products on the shelf, for the institution filter: the current
 * result's facet would shrink to the one chosen. Counts come from the current result.
 */
function useInstitutionOptions(
  current: CatalogFacets | undefined,
  chosen: string | null,
): InstitutionOption[] {
  const all = useQuery({
    queryKey: ['products', 'institutions'],
    queryFn: () => unwrap(api.GET('/api/v1/products', { params: { query: { pageSize: 1 } } })),
    staleTime: 5 * 60_000,
  });
  return useMemo(() => {
    const counts = new Map((current?.institutions ?? []).map(({ id, count }) => [id, count]));
    return (all.data?.facets?.institutions ?? []).map(({ id, name }) => ({
      id,
      name,
      count: chosen ? null : (counts.get(id) ?? 0),
    }));
  }, [all.data, current, chosen]);
}
