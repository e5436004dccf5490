import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicStats } from '../src/api/types';
import {
  apiGet,
  baseUrl,
  expectAccessible,
  expectNoCspViolation,
  launchChromium,
  newVisitor,
  screenshot,
  VIEWPORTS,
  type ViewportName,
} from './browser';

describe('the landing page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    "should show the platform's live figures from the api (%s)",
    async (viewport) => {
      const context = await newVisitor(browser, viewport);
      const page = await context.newPage();
      const stats = await apiGet<PublicStats>('/api/v1/stats/public');

      await page.goto(`${baseUrl}/`);

      const figures = {
        productsListed: `${stats.productsListed}款`,
        institutions: `${stats.institutions}家`,
        needsPublished: `${stats.needsPublished}项`,
        upcomingEvents: `${stats.upcomingEvents}场`,
      };
      for (const [figure, text] of Object.entries(figures)) {
        const value = page.locator(`[data-figure="${figure}"] .ant-statistic-content`);
        await expect.poll(() => value.textContent()).toBe(text);
      }
      expect(stats.productsListed).toBeGreaterThan(0);
      await expect.poll(() => page.title()).toBe('科金桥 · 科技金融对接平台');
      await page.getByRole('heading', { name: '平台服务' }).waitFor();

      await expectNoCspViolation(page);
      await expectAccessible(page);
      await screenshot(page, 'landing');
      await context.close();
    },
  );

  it('should take a visitor to the catalog and to sign-in from the header', async () => {
    const context = await newVisitor(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);

    await page
      .getByRole('navigation', { name: '主导航' })
      .getByRole('link', { name: '产品超市' })
      .click();
    await page.getByRole('heading', { name: '产品超市', level: 1 }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/products');

    await page.getByRole('link', { name: /登\s*录/ }).click();
    await page.getByRole('heading', { name: '登录科金桥' }).waitFor();
    await context.close();
  });

  it('should open the menu on a phone', async () => {
    const context = await newVisitor(browser, 'phone');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/`);

    await page.getByRole('button', { name: '打开菜单' }).click();
    const menu = page.getByRole('dialog');
    await menu.getByRole('link', { name: '产品超市' }).waitFor();
    await screenshot(page, 'menu', { wholePage: false });
    await menu.getByRole('link', { name: '产品超市' }).click();

    await page.getByRole('heading', { name: '产品超市', level: 1 }).waitFor();
    await context.close();
  });

  it('should answer an unknown address with its own page', async () => {
    for (const viewport of Object.keys(VIEWPORTS) as ViewportName[]) {
      const context = await newVisitor(browser, viewport);
      const page = await context.newPage();

      const response = await page.goto(`${baseUrl}/no/such/page`);

      expect(response?.status()).toBe(200);
      await page.getByRole('heading', { name: '页面不存在' }).waitFor();
      await expectAccessible(page);
      await screenshot(page, 'not-found');
      await context.close();
    }
  });
});
