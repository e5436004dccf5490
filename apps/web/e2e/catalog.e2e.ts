import type { Browser, Locator, Page } from 'playwright-core';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductPage } from '../src/api/types';
import { formatRateRange } from '../src/format/rate';
import { formatWanRange } from '../src/format/money';
import {
  apiGet,
  baseUrl,
  expectAccessible,
  expectNoCspViolation,
  launchChromium,
  newVisitor,
  screenshot,
} from './browser';

/**
 * Ticks a filter's box. The filters live in the address, which the router updates in a
 * transition: the box shows the tick a moment after the click.
 */
async function tick(box: Locator): Promise<void> {
  await box.click();
  await expect.poll(() => box.isChecked()).toBe(true);
}

/** What the page lists: the names of the products shown, in order. */
function shownNames(page: Page): Promise<string[]> {
  return page.locator('.kjq-product-name').allTextContents();
}

/** The api's answer to the query the page's address holds. */
async function apiAnswerFor(page: Page): Promise<ProductPage> {
  const query = new URL(page.url()).searchParams;
  query.set('pageSize', '10');
  return apiGet<ProductPage>(`/api/v1/products?${query.toString()}`);
}

/** Waits until the page shows what the api answers for the address it is at. */
async function expectShowingApiAnswer(page: Page): Promise<ProductPage> {
  let answer: ProductPage | undefined;
  const difference = async () => {
    answer = await apiAnswerFor(page);
    const shown = {
      names: await shownNames(page),
      count: await page.locator('.kjq-result-count').textContent(),
    };
    const expected = { names: answer.items.map((p) => p.name), count: `共 ${answer.total} 款产品` };
    return JSON.stringify(shown) === JSON.stringify(expected)
      ? null
      : { shown, expected, address: page.url() };
  };
  await expect.poll(difference).toBeNull();
  return answer!;
}

describe('the product catalog (产品超市)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  it('should search as the visitor types, once the typing pauses', async () => {
    const context = await newVisitor(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/products`);
    await expectShowingApiAnswer(page);
    const searches: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/v1/products' && url.searchParams.has('q'))
        searches.push(url.search);
    });

    await page
      .getByRole('searchbox', { name: '搜索金融产品' })
      .pressSequentially('知识产权', { delay: 60 });

    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('知识产权');
    const answer = await expectShowingApiAnswer(page);
    expect(answer.total).toBeGreaterThan(0);
    expect(searches.length).toBeLessThanOrEqual(2);
    await context.close();
  });

  it('should narrow by kind, guarantee, institution (by name), amount and rate', async () => {
    const context = await newVisitor(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/products`);
    const all = await expectShowingApiAnswer(page);
    const filters = page.locator('.kjq-facets');

    await tick(filters.getByRole('checkbox', { name: /^信用贷/ }));
    await tick(filters.getByRole('checkbox', { name: /^知识产权质押贷/ }));
    const byKind = await expectShowingApiAnswer(page);
    expect(new URL(page.url()).searchParams.getAll('kind')).toEqual([
      'credit_loan',
      'ip_pledge_loan',
    ]);
    expect(byKind.total).toBeLessThan(all.total);
    for (const tag of await page.locator('.kjq-product-card-head .ant-tag').allTextContents()) {
      expect(['信用贷', '知识产权质押贷']).toContain(tag);
    }

    await tick(filters.getByRole('checkbox', { name: /^信用\s*\d*$/ }));
    const byGuarantee = await expectShowingApiAnswer(page);

    const institution = byGuarantee.facets!.institutions[0]!;
    const picker = filters.getByLabel('金融机构');
    expect(await picker.locator('option').allTextContents()).toContain(
      `${institution.name}（${institution.count}）`,
    );
    await picker.selectOption({ value: institution.id });
    await expectShowingApiAnswer(page);
    for (const shown of await page.locator('.kjq-institution').allTextContents()) {
      expect(shown).toContain(institution.name);
    }

    await filters.getByLabel('金融机构').selectOption({ value: '' });
    await filters.getByLabel('融资金额').fill('300');
    await filters.getByLabel('融资金额').press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('amount')).toBe('3000000');
    await filters.getByLabel('最低利率不高于').selectOption({ label: '4.00%' });
    const narrowed = await expectShowingApiAnswer(page);
    expect(new URL(page.url()).searchParams.get('maxRateBps')).toBe('400');
    expect(new URL(page.url()).searchParams.get('amount')).toBe('3000000');
    expect(await filters.getByLabel('融资金额').inputValue()).toBe('300');
    for (const product of narrowed.items) {
      await page.getByText(formatWanRange(product.amountMin, product.amountMax)).first().waitFor();
      await page
        .getByText(formatRateRange(product.rateMinBps, product.rateMaxBps))
        .first()
        .waitFor();
    }

    await expectNoCspViolation(page);
    await expectAccessible(page);
    await screenshot(page, 'catalog-filtered');

    await filters.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('');
    await expectShowingApiAnswer(page);
    await context.close();
  });

  it('should page through the results and come back with the browser', async () => {
    const context = await newVisitor(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/products`);
    const first = await expectShowingApiAnswer(page);
    expect(first.total).toBeGreaterThan(10);

    await page.getByRole('button', { name: /下一页/ }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get('page')).toBe('2');
    const second = await expectShowingApiAnswer(page);
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);

    await page.goBack();
    await expect.poll(() => shownNames(page)).toEqual(first.items.map((p) => p.name));
    await context.close();
  });

  it('should fit a phone: filters behind a button, results in one column', async () => {
    const context = await newVisitor(browser, 'phone');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/products`);
    await expectShowingApiAnswer(page);
    await expectAccessible(page);
    await screenshot(page, 'catalog');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth > window.innerWidth,
    );
    expect(overflow).toBe(false);

    await page.getByRole('button', { name: '筛选' }).click();
    await tick(page.locator('.kjq-facets').getByRole('checkbox', { name: /^知识产权质押贷/ }));
    await expect.poll(() => page.getByRole('button', { name: '筛选（1）' }).count()).toBe(1);
    await screenshot(page, 'catalog-filters');
    const answer = await apiAnswerFor(page);
    await page.getByRole('button', { name: `查看 ${answer.total} 款产品` }).click();
    await expectShowingApiAnswer(page);
    await expectNoCspViolation(page);
    await context.close();
  });

  it('should load at most 250 kB of gzipped JavaScript on a first visit', async () => {
    const context = await newVisitor(browser, 'phone');
    const page = await context.newPage();
    const scripts: Promise<{ url: string; gzipped: number }>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      scripts.push(
        response.body().then((body) => ({ url: response.url(), gzipped: gzipSync(body).length })),
      );
    });

    await page.goto(`${baseUrl}/products`);
    await expectShowingApiAnswer(page);

    const loaded = await Promise.all(scripts);
    const total = loaded.reduce((sum, script) => sum + script.gzipped, 0);
    console.info(
      `catalog route: ${loaded.length} scripts, ${(total / 1024).toFixed(1)} KiB gzipped`,
    );
    expect(total).toBeLessThanOrEqual(250 * 1024);
    await context.close();
  });

  it('should show the catalog on a desktop', async () => {
    const context = await newVisitor(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${baseUrl}/products`);
    await expectShowingApiAnswer(page);
    await expectAccessible(page);
    await screenshot(page, 'catalog');
    await context.close();
  });
});
