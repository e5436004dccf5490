import { Result } from 'antd';
import { PATHS } from '../app/paths';
import { LinkButton } from '../components/link-button';
import { usePageTitle } from '../components/use-page-title';

/** Registration in the portal comes with the enterprise's pages; until then, say where to go. */
export default function RegisterPage() {
  usePageTitle('企业注册');
  return (
    <Result
      status="info"
      title={<h1 className="kjq-result-title">企业在线注册即将开放</h1>}
      subTitle="如需入驻平台，请联系科技金融服务中心；已有账号可直接登录。"
      extra={[
        <LinkButton key="sign-in" type="primary" to={PATHS.signIn}>
          去登录
        </LinkButton>,
        <LinkButton key="catalog" to={PATHS.catalog}>
          先逛逛产品超市
        </LinkButton>,
      ]}
    />
  );
}
