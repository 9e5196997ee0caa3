/// <reference lib="dom" />
// The functions passed to page.evaluate / addInitScript run in Chromium: they are typed against the DOM.
/**
 * One page load as a mid-range phone on a mobile network sees it, measured in Chromium over CDP
 * (phone.bench.ts runs it): a fresh context (empty cache), 390×844 mobile viewport, Slow-4G-like
 * network (150 ms latency, 1.6 Mbps down, 750 kbps up), CPU slowed 4×.
 *
 * FCP and LCP come from PerformanceObserver (buffered) in the page; bytes from CDP's
 * Network.loadingFinished (encoded, i.e. what crossed the wire, headers included). The load ends
 * once `expect` is on screen and no new LCP entry came for LCP_QUIET_MS. `contentMs` is when the
 * expected text was first in the DOM: the LCP must not come before the real content (a large
 * placeholder could otherwise win the LCP on its own).
 */
import type { Browser } from 'playwright-core';

export const PHONE = {
  latencyMs: 150,
  /** 1.6 Mbps down, 750 kbps up, in bytes per second as CDP takes them. */
  downloadBps: 200_000,
  uploadBps: 93_750,
  cpuSlowdown: 4,
  viewport: { width: 390, height: 844 },
} as const;

const LCP_QUIET_MS = 1500;
const LOAD_TIMEOUT_MS = 60_000;

export interface LoadResult {
  fcpMs: number;
  lcpMs: number;
  /** When the expected text was first in the DOM (ms since navigation start). */
  contentMs: number;
  bytes: number;
  requests: number;
  /** Tag, class and the first characters of the LCP element: shows what won the LCP. */
  lcpElement: string;
  /** `window.__cpuProbeMs` if the page sets one (the baseline page does: see phone.bench.ts). */
  cpuProbeMs: number | null;
  /** url → encoded bytes, for the bench's verbose listing. */
  resources: { url: string; bytes: number }[];
}

// Runs in the page before anything else: records paints, LCP candidates and when `expect` appears.
const OBSERVE = ({ expect, root }: { expect: string; root: string }) => {
  const w = window as unknown as Record<string, unknown>;
  const perf = { fcp: -1, lcp: -1, lcpAt: 0, lcpElement: '', content: -1 };
  w.__phonePerf = perf;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') perf.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries() as (PerformanceEntry & { element?: Element | null })[]) {
      perf.lcp = e.startTime;
      perf.lcpAt = performance.now();
      const el = e.element;
      perf.lcpElement = el
        ? `${el.tagName.toLowerCase()}.${String(el.className).split(/\s+/).join('.')} "${(el.textContent ?? '').trim().slice(0, 30)}"`
        : '(element gone)';
    }
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  // An inline callback, not a named const: tsx (esbuild keepNames) would wrap a named one in a `__name` helper
  // that does not exist in the page.
  new MutationObserver(() => {
    if (perf.content >= 0) return;
    const roots = Array.from(document.querySelectorAll(root));
    if (roots.some((el) => el.textContent?.includes(expect))) perf.content = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
};

/**
 * Loads `url` once under the phone settings; `expect` is a text of the real content, looked for inside `root`
 * (Taro's page element: the navigation bar shows an event's title too, before its content).
 */
export async function loadAsPhone(browser: Browser, url: string, expect: string, root: string): Promise<LoadResult> {
  const context = await browser.newContext({
    viewport: PHONE.viewport,
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    userAgent:
      'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
  });
  try {
    const page = await context.newPage();
    await page.addInitScript(OBSERVE, { expect, root });
    const cdp = await context.newCDPSession(page);
    const urls = new Map<string, string>();
    const resources: { url: string; bytes: number }[] = [];
    cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
    // data: URLs (images inlined in CSS) cross no wire: not counted as requests.
    cdp.on('Network.loadingFinished', (e) => {
      const url = urls.get(e.requestId) ?? '?';
      if (!url.startsWith('data:')) resources.push({ url, bytes: e.encodedDataLength });
    });
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: PHONE.latencyMs,
      downloadThroughput: PHONE.downloadBps,
      uploadThroughput: PHONE.uploadBps,
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpuSlowdown });

    await page.goto(url, { waitUntil: 'commit', timeout: LOAD_TIMEOUT_MS });
    await page.locator(root).getByText(expect).filter({ visible: true }).first().waitFor({ timeout: LOAD_TIMEOUT_MS });
    // LCP may still move to a later, larger paint: wait until it has been quiet for a while.
    await page.waitForFunction(
      (quiet) => {
        const p = (window as unknown as { __phonePerf: { lcp: number; lcpAt: number } }).__phonePerf;
        return p.lcp >= 0 && performance.now() - p.lcpAt > quiet;
      },
      LCP_QUIET_MS,
      { timeout: LOAD_TIMEOUT_MS, polling: 250 },
    );
    const perf = await page.evaluate(() => {
      const w = window as unknown as {
        __phonePerf: { fcp: number; lcp: number; lcpElement: string; content: number };
        __cpuProbeMs?: number;
      };
      return { ...w.__phonePerf, probe: w.__cpuProbeMs ?? null };
    });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    return {
      fcpMs: perf.fcp,
      lcpMs: perf.lcp,
      contentMs: perf.content,
      bytes: resources.reduce((sum, r) => sum + r.bytes, 0),
      requests: resources.length,
      lcpElement: perf.lcpElement,
      cpuProbeMs: perf.probe,
      resources,
    };
  } finally {
    await context.close();
  }
}
