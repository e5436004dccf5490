import { Result } from 'antd';
import { PATHS } from '../app/paths';
import { LinkButton } from '../components/link-button';
import { usePageTitle } from '../components/use-page-title';

export default function NotFoundPage() {
  usePageTitle('页面不存在');
  return (
    <Result
      status="404"
      title={<h1 className="kjq-result-title">页面不存在</h1>}
      subTitle="您访问的页面不存在或已被移除。"
      extra={
        <LinkButton type="primary" to={PATHS.home}>
          返回首页
        </LinkButton>
      }
    />
  );
}
