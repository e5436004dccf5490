import {
  AuditOutlined,
  CalendarOutlined,
  NodeIndexOutlined,
  SafetyCertificateOutlined,
  ShopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Col, Row, Space, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { unwrap } from '../api/api-error';
import { api } from '../api/client';
import { errorMessage } from '../api/error-messages';
import type { PublicStats } from '../api/types';
import { PATHS } from '../app/paths';
import { LinkButton } from '../components/link-button';
import { usePageTitle } from '../components/use-page-title';

const FIGURES: { key: keyof Omit<PublicStats, 'countedAt'>; title: string; unit: string }[] = [
  { key: 'productsListed', title: '在架金融产品', unit: '款' },
  { key: 'institutions', title: '合作金融机构', unit: '家' },
  { key: 'needsPublished', title: '已发布融资需求', unit: '项' },
  { key: 'upcomingEvents', title: '近期活动', unit: '场' },
];

const OFFERS: { icon: ReactNode; title: string; text: string }[] = [
  {
    icon: <ShopOutlined />,
    title: '产品超市',
    text: '银行、投资、保险、担保、租赁机构的信用贷、知识产权质押贷、投贷联动等产品一站比较。',
  },
  {
    icon: <NodeIndexOutlined />,
    title: '智能匹配',
    text: '按金额、期限、担保方式与企业资质，为融资需求推荐合适的产品，并说明匹配理由。',
  },
  {
    icon: <TeamOutlined />,
    title: '银企对接',
    text: '从申请到授信、放款全程在线，机构限时响应，双方实时沟通。',
  },
  {
    icon: <SafetyCertificateOutlined />,
    title: '科技型企业白名单',
    text: '市科技局审核发布的白名单企业直达合作银行，享受专属产品与优先支持。',
  },
  {
    icon: <CalendarOutlined />,
    title: '特派员活动',
    text: '科技金融特派员组织融资路演、沙龙、宣讲会与产品对接会，提供业务辅导与纾困服务。',
  },
  {
    icon: <AuditOutlined />,
    title: '政策与服务',
    text: '科技金融服务中心全程陪伴，帮助企业用好贷款贴息、风险补偿等政策。',
  },
];

export default function LandingPage() {
  usePageTitle();
  const stats = useQuery({
    queryKey: ['stats', 'public'],
    queryFn: () => unwrap(api.GET('/api/v1/stats/public')),
  });

  return (
    <>
      <section className="kjq-hero" aria-labelledby="hero-title">
        <h1 id="hero-title">科技金融，一站对接</h1>
        <p>
          科金桥连接科技企业与银行、投资机构：企业发布融资需求，机构发布金融产品，平台智能匹配，特派员全程服务，让好技术更快拿到好资金。
        </p>
        <Space wrap size="middle">
          <LinkButton to={PATHS.catalog} size="large">
            浏览产品超市
          </LinkButton>
          <LinkButton to={PATHS.register} size="large" ghost>
            企业注册
          </LinkButton>
        </Space>
      </section>

      <section className="kjq-section" aria-labelledby="figures-title">
        <h2 id="figures-title">平台数据</h2>
        {stats.isError && (
          <Alert
            type="warning"
            showIcon
            message={`平台数据暂时无法显示：${errorMessage(stats.error)}`}
          />
        )}
        <Row gutter={[16, 16]}>
          {FIGURES.map(({ key, title, unit }) => (
            <Col xs={12} md={6} key={key}>
              <div className="kjq-panel kjq-figure" data-figure={key}>
                <Statistic
                  title={title}
                  value={stats.data?.[key] ?? '—'}
                  suffix={stats.data ? unit : undefined}
                  loading={stats.isPending}
                  groupSeparator=","
                />
              </div>
            </Col>
          ))}
        </Row>
      </section>

      <section className="kjq-section" aria-labelledby="offers-title">
        <h2 id="offers-title">平台服务</h2>
        <Row gutter={[16, 16]}>
          {OFFERS.map(({ icon, title, text }) => (
            <Col xs={24} sm={12} lg={8} key={title}>
              <div className="kjq-panel kjq-offer">
                <span className="kjq-offer-icon" aria-hidden>
                  {icon}
                </span>
                <div>
                  <h3 className="kjq-offer-title">{title}</h3>
                  <p className="kjq-offer-text">{text}</p>
                </div>
              </div>
            </Col>
          ))}
        </Row>
      </section>
    </>
  );
}
