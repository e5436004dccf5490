import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatTime } from '../src/format/time';
import { SESSION_STORAGE_KEY, type SignedIn } from '../src/auth/session-store';
import {
  apiPost,
  baseUrl,
  expectAccessible,
  expectNoCspViolation,
  launchChromium,
  newVisitor,
  screenshot,
  VIEWPORTS,
  type ViewportName,
} from './browser';
import { TEST_API_SETTINGS } from './global-setup';

const PASSWORD = 'Kejinqiao#2026';
/** Demo enterprises (qiye001…qiye200): each test signs in as one of its own. */
const account = (n: number) => `qiye${String(n).padStart(3, '0')}@kejinqiao.example`;

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /^登\s*录$/ }).click();
}

/** The error shown under a field of the form. */
function fieldError(page: Page, label: string) {
  return page
    .locator('.ant-form-item', { has: page.getByLabel(label) })
    .locator('.ant-form-item-explain-error');
}

function storedSession(page: Page): Promise<SignedIn | null> {
  return page.evaluate(
    (key) => JSON.parse(localStorage.getItem(key) ?? 'null') as SignedIn | null,
    SESSION_STORAGE_KEY,
  );
}

describe('signing in', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  const visit = async (viewport: ViewportName = 'desktop') => {
    context = await newVisitor(browser, viewport);
    page = await context.newPage();
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('heading', { name: '登录科金桥' }).waitFor();
  };

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    'should say beside the password that the email or password is wrong (%s)',
    async (viewport) => {
      await visit(viewport);
      await expectAccessible(page);
      await screenshot(page, 'sign-in');

      await signIn(page, account(10), 'not-the-password');

      await expect.poll(() => fieldError(page, '密码').textContent()).toBe('邮箱或密码不正确');
      await expectNoCspViolation(page);
      await expectAccessible(page);
      await screenshot(page, 'sign-in-wrong-password');
      await context.close();
    },
  );

  it('should say until when a locked account must wait', async () => {
    const email = account(11);
    let lockedUntil = '';
    for (let i = 0; i <= Number(TEST_API_SETTINGS.LOGIN_MAX_FAILURES); i++) {
      const response = await apiPost('/api/v1/auth/login', { email, password: `wrong-${i}` });
      const body = (await response.json()) as {
        error: { code: string; details: { lockedUntil?: string } };
      };
      if (body.error.code === 'ACCOUNT_LOCKED') lockedUntil = body.error.details.lockedUntil!;
    }
    expect(lockedUntil).not.toBe('');
    await visit();

    await signIn(page, email, PASSWORD);

    await expect
      .poll(() => fieldError(page, '密码').textContent())
      .toBe(`登录失败次数过多，账号已暂时锁定，请于 ${formatTime(lockedUntil)} 后再试`);
    await expectAccessible(page);
    await screenshot(page, 'sign-in-locked');
    await context.close();
  });

  it('should sign in, stay signed in across a reload, and sign out', async () => {
    await visit();

    await signIn(page, account(12), PASSWORD);

    await page.getByRole('heading', { name: '科技金融，一站对接' }).waitFor();
    const session = await storedSession(page);
    await page.getByText(session!.user.name).waitFor();
    await page.reload();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('link', { name: /^登\s*录$/ }).waitFor();
    expect(await storedSession(page)).toBeNull();
    await context.close();
  });

  it('should renew an expiring access token without the user noticing', async () => {
    await visit();
    await signIn(page, account(13), PASSWORD);
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    const before = (await storedSession(page))!;

    // The access token is due for renewal: the next request renews it first.
    await page.evaluate(
      ([key, session]) => localStorage.setItem(key, JSON.stringify({ ...session, renewAt: 0 })),
      [SESSION_STORAGE_KEY, before] as const,
    );
    await page.reload();

    await expect
      .poll(async () => (await storedSession(page))?.refreshToken)
      .not.toBe(before.refreshToken);
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    await context.close();
  });

  it('should sign out cleanly, saying why, when its refresh token was used elsewhere', async () => {
    await visit();
    await signIn(page, account(14), PASSWORD);
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    const stolen = (await storedSession(page))!;
    const elsewhere = await apiPost('/api/v1/auth/refresh', { refreshToken: stolen.refreshToken });
    expect(elsewhere.status).toBe(200);

    await page.evaluate(
      ([key, session]) => localStorage.setItem(key, JSON.stringify({ ...session, renewAt: 0 })),
      [SESSION_STORAGE_KEY, stolen] as const,
    );
    await page.reload();

    await page.getByRole('alert').getByText('检测到登录凭证被重复使用').waitFor();
    await page.getByRole('link', { name: /^登\s*录$/ }).waitFor();
    expect(await storedSession(page)).toBeNull();
    await expectAccessible(page);
    await screenshot(page, 'session-ended');
    await context.close();
  });
});
