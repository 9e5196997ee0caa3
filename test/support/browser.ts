import assert from 'node:assert/strict';
/**
 * The H5 build in a real browser: Debian's Chromium driven by playwright-core (playwright's own browser download
 * has no route here). Pages open as a 390×844 phone in Asia/Shanghai; every request that is not to this machine is
 * aborted (and listed), screenshots go to test/h5/.screenshots/<name>.png, and an uncaught error in the page fails
 * the test that was driving it.
 */
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const h5BuildDir = fileURLToPath(new URL('../../miniprogram/dist/h5', import.meta.url));
export const screenshotDir = fileURLToPath(new URL('../h5/.screenshots', import.meta.url));

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
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

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** What happened in a page besides what the test looked at. */
export interface PageLog {
  /** Uncaught exceptions and unhandled rejections in the page: these fail the test. */
  pageErrors: string[];
  /** console.error lines (a failed request logs one too): reported when the test fails. */
  consoleErrors: string[];
  /** Requests to anything but this machine, aborted. */
  blocked: string[];
}

export interface MobilePage {
  context: BrowserContext;
  page: Page;
  log: PageLog;
}

/** A fresh phone-sized page (own cookies and localStorage) that can reach only this machine. */
export async function newMobilePage(browser: Browser): Promise<MobilePage> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Safari/604.1',
  });
  const log: PageLog = { pageErrors: [], consoleErrors: [], blocked: [] };
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOCAL_HOSTS.has(url.hostname)) return route.continue();
    log.blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  const page = await context.newPage();
  // Generous: in a full `npm test` the browser shares two cores with the other test files.
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (err) => log.pageErrors.push(err.stack ?? String(err)));
  page.on('console', (msg) => {
    // Long lines (a blocked data: URL) are cut: they only need to be recognisable.
    if (msg.type() === 'error') log.consoleErrors.push(msg.text().replace(/('data:[^']{0,40})[^']*'/g, "$1…'"));
  });
  return { context, page, log };
}

/** docs/screenshots: the pictures the README and its index show. */
export const docsScreenshotDir = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));

/**
 * True when this run refreshes docs/screenshots (`npm run screenshots`). Otherwise the tests keep their pictures in
 * test/h5/.screenshots only, so that `npm test` leaves the working tree as it found it.
 */
export const refreshingDocScreenshots = process.env.TECHBRIDGE_DOC_SCREENSHOTS === '1';

/** Copies a test screenshot to docs/screenshots/<name>.png when this run refreshes them. */
export function keepForDocs(file: string, name: string): void {
  if (!refreshingDocScreenshots) return;
  mkdirSync(docsScreenshotDir, { recursive: true });
  copyFileSync(file, path.join(docsScreenshotDir, `${name}.png`));
}

/** Saves a full-page screenshot as test/h5/.screenshots/<name>.png; returns its path. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshotDir, { recursive: true });
  const file = path.join(screenshotDir, `${name.replace(/[^\w.-]+/g, '_')}.png`);
  // Finite animations (Taro's page slide-in) are run to their end, so the page is shown where it settles.
  await page.screenshot({ path: file, fullPage: true, animations: 'disabled' });
  return file;
}

/**
 * Runs one browser flow in a fresh page. When the flow throws, a `<name>-failure.png` screenshot is saved and the
 * page's console errors are added to the error; when it passes, any uncaught page error still fails it. The page is
 * always closed.
 */
export async function withPage(browser: Browser, name: string, flow: (page: Page, log: PageLog) => Promise<void>) {
  const { context, page, log } = await newMobilePage(browser);
  try {
    await flow(page, log);
  } catch (err) {
    const file = await shot(page, `${name}-failure`).catch(() => '(no screenshot)');
    const extra = [
      `screenshot: ${file}`,
      `url: ${page.url()}`,
      log.pageErrors.length ? `page errors:\n  ${log.pageErrors.join('\n  ')}` : '',
      log.consoleErrors.length ? `console errors:\n  ${log.consoleErrors.join('\n  ')}` : '',
      log.blocked.length ? `blocked requests:\n  ${log.blocked.join('\n  ')}` : '',
    ].filter(Boolean);
    if (err instanceof Error) err.message += `\n${extra.join('\n')}`;
    throw err;
  } finally {
    await context.close().catch(() => undefined);
  }
  if (log.pageErrors.length) {
    throw new Error(`uncaught errors in the page during "${name}":\n  ${log.pageErrors.join('\n  ')}`);
  }
}

/** The H5 address of a page under an api: `<api>/h5/#/pages/...`. */
export const h5Url = (apiUrl: string, route = '') =>
  `${apiUrl}/h5/${route ? `#${route.startsWith('/') ? '' : '/'}${route}` : ''}`;

/**
 * Taro's H5 router keeps earlier pages in the DOM (hidden) while a new one is shown, so a text can match on a page
 * the user no longer sees: look only at what is visible.
 */
export const visible = (locator: Locator): Locator => locator.filter({ visible: true }).first();

/** The visible button named exactly `name` (Taro keeps hidden pages in the DOM, hence `visible`). */
export const button = (page: Page, name: string): Locator => visible(page.getByRole('button', { name, exact: true }));

/** The visible form field labelled exactly `label`. */
export const field = (page: Page, label: string): Locator => visible(page.getByLabel(label, { exact: true }));

/** Reads `read()` until `done` holds for what it returns or `timeout` passes; returns the last value read. */
async function readUntil<T>(read: () => Promise<T>, done: (value: T) => boolean, timeout: number): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The element's rendered width once it is wider than `min` px, or its last width after `timeout`. An image
 * (the ticket's QR code) is present with its source before it is laid out at its size: asking once raced
 * that on a loaded machine.
 */
export const widthOnceLaidOut = (locator: Locator, min: number, timeout = 5_000): Promise<number> =>
  readUntil(
    async () => (await locator.boundingBox())?.width ?? 0,
    (width) => width > min,
    timeout,
  );

/**
 * The attribute's value once it equals `expected`, or its last value after `timeout`. Taro's H5 components copy
 * attributes such as aria-invalid to the inner element in a later render than the text that appears with them.
 */
export const attributeOnceSet = (locator: Locator, name: string, expected: string, timeout = 5_000) =>
  readUntil(
    () => locator.getAttribute(name),
    (value) => value === expected,
    timeout,
  );

/** Waits until `text` is visible; fails naming the text it waited for. */
export async function expectText(page: Page, text: string | RegExp, timeout = 15_000): Promise<Locator> {
  const locator = visible(page.getByText(text));
  try {
    await locator.waitFor({ timeout });
  } catch {
    throw new Error(`expected to see ${JSON.stringify(String(text))} on ${page.url()} within ${timeout} ms`);
  }
  return locator;
}

/**
 * Signs the page in as the user behind `token` (GET /me for the profile), stored the way the login page stores a
 * session: Taro's H5 storage keeps each value as {"data": …} in localStorage.
 */
export async function signInAs(page: Page, apiUrl: string, token: string): Promise<void> {
  const res = await fetch(`${apiUrl}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /me failed: ${res.status}`);
  const session = { token, expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString(), user: await res.json() };
  await page.goto(h5Url(apiUrl));
  await page.evaluate(
    (s) => (globalThis as any).localStorage.setItem('techbridge.session', JSON.stringify({ data: s })),
    session,
  );
}

/**
 * Picks a date and a time in a DateTimeField (`YYYY-MM-DD HH:mm`, Shanghai): on H5 its two parts are the browser's
 * own date and time inputs, named `<label>（日期）` and `<label>（时刻）`. Returns the two inputs.
 */
export async function pickDateTime(page: Page, label: string, local: string): Promise<[Locator, Locator]> {
  const [date, time] = local.split(' ') as [string, string];
  const dateInput = visible(page.getByLabel(`${label}（日期）`, { exact: true }));
  const timeInput = visible(page.getByLabel(`${label}（时刻）`, { exact: true }));
  assert.equal(await dateInput.getAttribute('type'), 'date', `${label}: a date picker, not a text box`);
  assert.equal(await timeInput.getAttribute('type'), 'time', `${label}: a time picker, not a text box`);
  await dateInput.fill(date);
  await timeInput.fill(time);
  return [dateInput, timeInput];
}
