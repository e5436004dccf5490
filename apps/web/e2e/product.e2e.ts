import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductPage, ProductView } from '../src/api/types';
import { formatWanRange } from '../src/format/money';
import { formatRateRange } from '../src/format/rate';
import { formatTermRange } from '../src/format/term';
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

describe('a product page', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  it.each(Object.keys(VIEWPORTS) as ViewportName[])(
    'should open from the catalog with its terms and eligibility in plain words (%s)',
    async (viewport) => {
      const { items } = await apiGet<ProductPage>(
        '/api/v1/products?requiresWhitelist=true&sort=amountMax&pageSize=1',
      );
      const product = items[0]!;
      const context = await newVisitor(browser, viewport);
      const page = await context.newPage();
      await page.goto(`${baseUrl}/products?q=${encodeURIComponent(product.name)}`);

      await page.getByRole('link', { name: product.name }).first().click();

      await page.getByRole('heading', { name: product.name, level: 1 }).waitFor();
      expect(new URL(page.url()).pathname).toBe(`/products/${product.id}`);
      const terms = page.locator('.kjq-terms');
      await terms.getByText(formatWanRange(product.amountMin, product.amountMax)).waitFor();
      await terms
        .getByText(formatTermRange(product.termMinMonths, product.termMaxMonths))
        .waitFor();
      if (product.rateMaxBps > 0) {
        await terms.getByText(formatRateRange(product.rateMinBps, product.rateMaxBps)).waitFor();
      }
      const eligibility = page.locator('.kjq-eligibility');
      await eligibility.getByText('须列入市科技局发布的科技型企业白名单').waitFor();
      expect(await eligibility.textContent()).not.toMatch(/[a-z_]{4,}/);
      await page.getByText(product.institution.name).first().waitFor();

      await expectNoCspViolation(page);
      await expectAccessible(page);
      await screenshot(page, 'product');
      await context.close();
    },
  );

  it('should say so when a product is not on the shelf', async () => {
    const context = await newVisitor(browser, 'desktop');
    const page = await context.newPage();

    await page.goto(`${baseUrl}/products/00000000-0000-4000-8000-000000000000`);

    await page.getByText('未找到该产品').waitFor();
    await expectAccessible(page);
    await context.close();
  });

  it('should show every condition of a product with several', async () => {
    const { items } = await apiGet<ProductPage>('/api/v1/products?pageSize=100');
    const conditions = (p: ProductView) =>
      p.eligibility.qualificationsAny.length +
      p.eligibility.districts.length +
      p.eligibility.industries.length;
    const product = [...items].sort((a, b) => conditions(b) - conditions(a))[0]!;
    const vocabulary =
      await apiGet<Record<string, { code: string; label: string }[]>>('/api/v1/vocabulary');
    const context = await newVisitor(browser, 'desktop');
    const page = await context.newPage();

    await page.goto(`${baseUrl}/products/${product.id}`);

    const eligibility = page.locator('.kjq-eligibility');
    await eligibility.waitFor();
    const labels = [
      ...product.eligibility.qualificationsAny.map((code) => ['qualifications', code]),
      ...product.eligibility.districts.map((code) => ['districts', code]),
      ...product.eligibility.industries.map((code) => ['industries', code]),
    ].map(([list, code]) => vocabulary[list!]!.find((entry) => entry.code === code)!.label);
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(await eligibility.textContent()).toContain(label);
    await context.close();
  });
});
