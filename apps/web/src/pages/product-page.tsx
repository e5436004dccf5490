import { CheckCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Result, Skeleton, Space, Tag } from 'antd';
import { Link, useLocation, useParams } from 'react-router';
import { ApiError, unwrap } from '../api/api-error';
import { api } from '../api/client';
import { errorMessage } from '../api/error-messages';
import { PATHS } from '../app/paths';
import { useSignedIn } from '../auth/session';
import { eligibilityWords } from '../catalog/eligibility-words';
import { ProductTerms } from '../catalog/product-terms';
import { WhitelistTag } from '../catalog/whitelist-tag';
import { LinkButton } from '../components/link-button';
import { Panel } from '../components/panel';
import { usePageTitle } from '../components/use-page-title';
import { formatDate } from '../format/time';
import { useLabel, useVocabulary } from '../vocabulary/vocabulary';

export default function ProductPage() {
  const { id = '' } = useParams();
  const product = useQuery({
    queryKey: ['products', id],
    queryFn: () => unwrap(api.GET('/api/v1/products/{id}', { params: { path: { id } } })),
  });
  const vocabulary = useVocabulary();
  const label = useLabel();
  const signedIn = useSignedIn();
  const location = useLocation();
  usePageTitle(product.data?.name ?? '产品详情');

  // Codes are shown by their labels: wait for both rather than flash codes.
  if (product.isPending || vocabulary.isPending)
    return <Skeleton active paragraph={{ rows: 10 }} />;
  if (product.isError) {
    const missing = product.error instanceof ApiError && product.error.status === 404;
    return missing ? (
      <Result
        status="404"
        title="未找到该产品"
        subTitle="产品可能已下架或地址有误。"
        extra={<LinkButton to={PATHS.catalog}>返回产品超市</LinkButton>}
      />
    ) : (
      <Alert type="error" showIcon message={errorMessage(product.error)} />
    );
  }

  const p = product.data;
  return (
    <article className="kjq-product">
      <nav aria-label="当前位置" className="kjq-breadcrumb">
        <Link to={PATHS.catalog}>产品超市</Link>
        <span aria-hidden> / </span>
        <span aria-current="page">{p.name}</span>
      </nav>
      <header className="kjq-product-header">
        <h1 className="kjq-page-title">{p.name}</h1>
        <Space wrap>
          <Tag color="blue">{label('productKinds', p.kind)}</Tag>
          {p.eligibility.requiresWhitelist && <WhitelistTag />}
        </Space>
        <p className="kjq-institution">
          {p.institution.name} · {label('organizationKinds', p.institution.kind)}
          {p.publishedAt && ` · ${formatDate(p.publishedAt)} 上架`}
        </p>
      </header>

      <Panel title="产品要素">
        <ProductTerms product={p} />
        <Descriptions column={1} size="small">
          <Descriptions.Item label="担保方式">
            {p.guarantees.map((code) => label('guarantees', code)).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="融资方式">
            {p.fundingTypes.map((code) => label('fundingTypes', code)).join('、')}
          </Descriptions.Item>
        </Descriptions>
      </Panel>

      <Panel title="申请条件" className="kjq-section">
        <ul className="kjq-eligibility">
          {eligibilityWords(p.eligibility, vocabulary.data).map((words) => (
            <li key={words}>
              <CheckCircleOutlined aria-hidden /> {words}
            </li>
          ))}
        </ul>
      </Panel>

      <Panel title="产品介绍" className="kjq-section">
        <p className="kjq-description">{p.description}</p>
      </Panel>

      <Panel className="kjq-section kjq-apply">
        {signedIn ? (
          <p>发布融资需求后，平台会为您匹配合适的产品，您可以在匹配结果中直接申请对接。</p>
        ) : (
          <Space wrap>
            <span>登录后发布融资需求，即可申请对接此产品。</span>
            <LinkButton
              type="primary"
              to={`${PATHS.signIn}?from=${encodeURIComponent(location.pathname)}`}
            >
              登录后申请
            </LinkButton>
          </Space>
        )}
      </Panel>
    </article>
  );
}
