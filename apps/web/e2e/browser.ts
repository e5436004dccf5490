import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const baseUrl = inject('baseUrl');

/** A phone in WeChat's browser, and a desktop. */
export const VIEWPORTS = {
  phone: { width: 375, height: 812 },
  desktop: { width: 1440, height: 900 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

const SCREENSHOTS = resolve(import.meta.dirname, '../../../artifacts/web/screenshots');

/**
 * Debian's Chromium, headless. Without the background-networking flags it calls hosts this
 * machine cannot reach; Playwright gives every launch a fresh user-data dir of its own.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

declare global {
  interface Window {
    cspViolations: string[];
  }
}

/** A fresh visitor (no cookies, no storage) on a phone or a desktop. */
export async function newVisitor(
  browser: Browser,
  viewport: ViewportName,
): Promise<BrowserContext> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    isMobile: viewport === 'phone',
    hasTouch: viewport === 'phone',
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  // Anything the page's Content-Security-Policy blocks is a bug of the portal or of the policy.
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (event) => {
      window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return context;
}

/** Serious and critical accessibility problems axe-core finds (WCAG 2.1 A and AA). */
export async function expectAccessible(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      rule: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map((node) => node.target.join(' ')),
    }));
  expect(blocking).toEqual([]);
}

export async function expectNoCspViolation(page: Page): Promise<void> {
  expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
}

/**
 * The page, kept under artifacts/web/screenshots as `<name>-<width>x<height>.png`: the whole
 * page from its top (the sticky header would otherwise sit where the page was scrolled to), or
 * the viewport alone for what overlays it (a drawer, a dialog).
 */
export async function screenshot(
  page: Page,
  name: string,
  { wholePage = true }: { wholePage?: boolean } = {},
): Promise<void> {
  const size = page.viewportSize();
  await mkdir(SCREENSHOTS, { recursive: true });
  if (wholePage) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}-${size?.width}x${size?.height}.png`),
    fullPage: wholePage,
    animations: 'disabled',
  });
}

/** The api, as the test sees it (the same address as the browser). */
export async function apiGet<T>(path: string): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`);
  if (!response.ok) throw new Error(`GET ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function apiPost(path: string, body: unknown): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}
