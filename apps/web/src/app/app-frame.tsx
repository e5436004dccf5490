import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Drawer, Grid, Layout, Spin } from 'antd';
import { Suspense, useState } from 'react';
import { Link, NavLink, Outlet, useLocation, useNavigate } from 'react-router';
import { ERROR_MESSAGES } from '../api/error-messages';
import { sessionStore, useSessionEnded, useSignedIn } from '../auth/session';
import { LinkButton } from '../components/link-button';
import { PATHS } from './paths';

const NAV = [
  { to: PATHS.home, label: '首页', end: true },
  { to: PATHS.catalog, label: '产品超市', end: false },
];

/** The header, the page and the footer around every route. */
export function AppFrame() {
  const { md } = Grid.useBreakpoint();
  const [menuOpen, setMenuOpen] = useState(false);
  const close = () => setMenuOpen(false);

  return (
    <Layout className="kjq-layout">
      <Layout.Header className="kjq-header">
        <Link to={PATHS.home} className="kjq-brand" aria-label="科金桥首页">
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span>科金桥</span>
        </Link>
        {md ? (
          <>
            <MainNav />
            <AccountArea />
          </>
        ) : (
          <>
            <Button
              type="text"
              icon={<MenuOutlined aria-hidden />}
              aria-label="打开菜单"
              aria-expanded={menuOpen}
              onClick={() => setMenuOpen(true)}
            />
            <Drawer title="科金桥" placement="right" size={280} open={menuOpen} onClose={close}>
              <MainNav vertical onNavigate={close} />
              <div className="kjq-drawer-account">
                <AccountArea stacked onDone={close} />
              </div>
            </Drawer>
          </>
        )}
      </Layout.Header>
      <SessionEndedBanner />
      <Layout.Content className="kjq-content">
        <main>
          <Suspense fallback={<Spin size="large" className="kjq-page-spin" />}>
            <Outlet />
          </Suspense>
        </main>
      </Layout.Content>
      <Layout.Footer className="kjq-footer">
        科金桥 · 科技金融对接平台 · 市科学技术局 科技金融服务中心
      </Layout.Footer>
    </Layout>
  );
}

/** Says why the portal signed the user out on its own (a reused or revoked sign-in). */
function SessionEndedBanner() {
  const ended = useSessionEnded();
  const { pathname } = useLocation();
  if (!ended) return null;
  return (
    <Alert
      banner
      type="warning"
      role="alert"
      className="kjq-session-ended"
      message={ERROR_MESSAGES[ended] ?? '登录已失效，请重新登录'}
      closable
      onClose={() => sessionStore.dismissEnded()}
      action={
        pathname === PATHS.signIn ? undefined : (
          <LinkButton size="small" type="primary" to={PATHS.signIn}>
            重新登录
          </LinkButton>
        )
      }
    />
  );
}

function MainNav({
  vertical = false,
  onNavigate,
}: {
  vertical?: boolean;
  onNavigate?: () => void;
}) {
  return (
    <nav aria-label="主导航" className={vertical ? 'kjq-nav kjq-nav-vertical' : 'kjq-nav'}>
      {NAV.map(({ to, label, end }) => (
        <NavLink key={to} to={to} end={end} className="kjq-nav-link" onClick={onNavigate}>
          {label}
        </NavLink>
      ))}
    </nav>
  );
}

/** 登录 / 注册, or who is signed in with a way out. */
function AccountArea({ stacked = false, onDone }: { stacked?: boolean; onDone?: () => void }) {
  const signedIn = useSignedIn();
  const navigate = useNavigate();
  const className = stacked ? 'kjq-account kjq-account-stacked' : 'kjq-account';

  if (!signedIn) {
    return (
      <div className={className}>
        <LinkButton to={PATHS.signIn} block={stacked} onClick={onDone}>
          登录
        </LinkButton>
        <LinkButton to={PATHS.register} type="primary" block={stacked} onClick={onDone}>
          注册
        </LinkButton>
      </div>
    );
  }

  const signOut = async () => {
    onDone?.();
    await sessionStore.signOut();
    await navigate(PATHS.home);
  };
  return (
    <div className={className}>
      <span className="kjq-user" title={signedIn.organization.name}>
        <UserOutlined aria-hidden /> {signedIn.user.name}
        <span className="kjq-user-org">{signedIn.organization.name}</span>
      </span>
      <Button icon={<LogoutOutlined aria-hidden />} block={stacked} onClick={() => void signOut()}>
        退出登录
      </Button>
    </div>
  );
}
