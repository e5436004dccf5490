import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ConfigProvider } from 'antd';
import zhCN from 'antd/es/locale/zh_CN';
import type { ReactNode } from 'react';
import { BrowserRouter } from 'react-router';
import { ApiError } from '../api/api-error';
import { theme } from './theme';

/**
 * The api sends a fresh nonce with each page (see apps/api/src/portal): Ant Design's CSS-in-JS
 * puts it on the <style> elements it writes, which the page's CSP requires. The dev server
 * sends no CSP and no nonce.
 */
const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: false,
      // A refusal will be refused again; a lost connection, a refused token (renewed before the
      // retry) or a failing server may not be.
      retry: (failures, error) =>
        failures < 2 &&
        (!(error instanceof ApiError) ||
          error.code === 'TOKEN_EXPIRED' ||
          error.code === 'TOKEN_INVALID' ||
          error.status >= 500),
    },
  },
});

export function AppProviders({ children }: { children: ReactNode }) {
  return (
    <ConfigProvider locale={zhCN} theme={theme} csp={nonce ? { nonce } : undefined}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>{children}</BrowserRouter>
      </QueryClientProvider>
    </ConfigProvider>
  );
}
