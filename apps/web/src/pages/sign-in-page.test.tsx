import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionStore } from '../auth/session';
import { jsonResponse, renderPage } from '../test/render-page';
import SignInPage from './sign-in-page';

const refusal = (code: string, details: unknown = []) => ({
  error: { code, message: code, details },
});

async function signIn(email = 'qiye001@kejinqiao.example', password = 'Kejinqiao#2026') {
  const user = userEvent.setup();
  await user.type(screen.getByLabelText('邮箱'), email);
  await user.type(screen.getByLabelText('密码'), password);
  await user.click(screen.getByRole('button', { name: /登\s*录/ }));
}

/** The form item of a field: its input and the error shown beneath it. */
function fieldOf(label: string): HTMLElement {
  return screen.getByLabelText(label).closest<HTMLElement>('.ant-form-item')!;
}

describe('SignInPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('should show a wrong password beside the password field, in Chinese', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(jsonResponse(401, refusal('INVALID_CREDENTIALS'))),
    );
    renderPage(<SignInPage />, '/sign-in');

    await signIn();

    expect(await within(fieldOf('密码')).findByText('邮箱或密码不正确')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('should say until when a locked account waits', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn().mockResolvedValue(
        jsonResponse(423, refusal('ACCOUNT_LOCKED', { lockedUntil: '2026-05-20T06:15:00.000Z' }), {
          'Retry-After': '900',
        }),
      ),
    );
    renderPage(<SignInPage />, '/sign-in');

    await signIn();

    expect(
      await within(fieldOf('密码')).findByText(/账号已暂时锁定，请于 .*14:15 后再试/),
    ).toBeInTheDocument();
  });

  it('should say how long to wait when rate limited, and that the network is down', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(jsonResponse(429, refusal('RATE_LIMITED'), { 'Retry-After': '30' }))
      .mockRejectedValueOnce(new TypeError('Failed to fetch'));
    vi.stubGlobal('fetch', fetch);
    renderPage(<SignInPage />, '/sign-in');

    await signIn();
    expect(await screen.findByRole('alert')).toHaveTextContent('操作过于频繁，请 30 秒后再试');

    await userEvent.click(screen.getByRole('button', { name: /登\s*录/ }));
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent('无法连接服务器，请检查网络后重试'),
    );
  });

  it("should show the api's validation details beside their fields", async () => {
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValue(
          jsonResponse(
            400,
            refusal('VALIDATION_FAILED', [
              { field: 'password', code: 'maxLength', message: 'password is too long' },
            ]),
          ),
        ),
    );
    renderPage(<SignInPage />, '/sign-in');

    await signIn();

    expect(await within(fieldOf('密码')).findByText('内容过长')).toBeInTheDocument();
  });

  it('should keep the session and leave the page once signed in', async () => {
    const session = {
      accessToken: 'access',
      refreshToken: 'refresh',
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { id: 'u1', name: '周海' },
      organization: { id: 'o1', name: '青岛海湾智能装备有限公司' },
    };
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(jsonResponse(200, session)));
    renderPage(<SignInPage />, '/sign-in?from=/products');

    await signIn();

    expect(await screen.findByTestId('elsewhere')).toHaveTextContent('/products');
    expect(sessionStore.current()?.user.name).toBe('周海');
  });
});
