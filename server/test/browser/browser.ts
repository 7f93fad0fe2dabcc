import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { fromCheckoutRoot } from '../../src/install-paths.js';
import { expect } from 'vitest';

/** Debian's Chromium (`apt-get install -y chromium`); never a browser downloaded by Playwright. */
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
if (!HAS_CHROMIUM)
  console.warn(
    `browser tests skipped: ${CHROMIUM} is missing (install it with: apt-get install -y chromium) / ` +
      `tes peramban dilewati: ${CHROMIUM} tidak ada (pasang dengan: apt-get install -y chromium)`,
  );

/** Screenshots of each main screen, for people to look at (gitignored). */
export const ARTEFACTS = fromCheckoutRoot('test-artefacts', 'browser');

export const VIEWPORTS = {
  mobile: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
  /** the monitoring room's screens: a laptop and a wall display */
  laptop: { width: 1366, height: 768 },
  wall: { width: 1920, height: 1080 },
} as const;
export type ViewportName = keyof typeof VIEWPORTS;

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

export interface WatchedContext {
  context: BrowserContext;
  /** Requests that tried to leave 127.0.0.1 (each was aborted); a test fails when any is here. */
  outbound: string[];
  /** Content-security-policy violations and page errors reported by the browser. */
  problems: string[];
  newPage(): Promise<Page>;
}

/**
 * A browser context that can reach only the test server: every request to another host is aborted and
 * recorded. Its pages report CSP violations and uncaught errors into `problems`.
 */
export async function watchedContext(
  browser: Browser,
  viewport: ViewportName,
  options: {
    geolocation?: { latitude: number; longitude: number; accuracy?: number };
    origin?: string;
    /** Blocked unless a test is about the app's service worker. */
    serviceWorkers?: 'allow' | 'block';
  } = {},
): Promise<WatchedContext> {
  const context = await browser.newContext({
    viewport: VIEWPORTS[viewport],
    deviceScaleFactor: 1,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    ...(options.geolocation ? { geolocation: options.geolocation } : {}),
    serviceWorkers: options.serviceWorkers ?? 'block',
  });
  if (options.geolocation && options.origin)
    await context.grantPermissions(['geolocation'], { origin: options.origin });
  const outbound: string[] = [];
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const { hostname, protocol } = new URL(url);
    if (protocol === 'data:' || protocol === 'blob:' || hostname === '127.0.0.1') return route.continue();
    outbound.push(url);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    outbound,
    problems,
    async newPage() {
      const page = await context.newPage();
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      return page;
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core run inside the page (evaluated through the debugging protocol, which the page's CSP does not
 * govern); returns the serious and critical violations.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[] }> } }).axe;
    return (await axe.run()).violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * What every screen must pass, then its screenshot: axe-core (no serious or critical violation), nothing wider
 * than the screen, no CSP violation or page error, no request leaving 127.0.0.1. `settle: false` for a page that
 * keeps a connection open (server-sent events), which never goes network-idle.
 */
export async function checkScreen(
  page: Page,
  watched: WatchedContext,
  name: string,
  { settle = true }: { settle?: boolean } = {},
): Promise<void> {
  if (settle) await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), `axe on ${name}`).toEqual([]);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} fits the screen`).toBeLessThanOrEqual(page.viewportSize()!.width);
  expect(watched.problems, `CSP violations or page errors on ${name}`).toEqual([]);
  expect(watched.outbound, `requests leaving 127.0.0.1 on ${name}`).toEqual([]);
  await screenshot(page, name);
}
