/**
 * The real weapp build (miniprogram/dist/weapp) in miniprogram-simulate, WeChat's own component test harness
 * (j-component on exparser, templates compiled by the official `wcc`), with a small shim for what the WeChat client
 * would provide:
 * - `App`/`getApp`/`getCurrentPages`, and `Page` turned into a `Component` the simulator can render;
 * - `wx`: `wx.request` goes to a real test api over Node's fetch (whatever origin the build was made for),
 *   storage is in memory, navigation and toasts are recorded, the rest answers like a quiet phone.
 * jsdom provides the document exparser renders into.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The module's own require, i.e. jest's: what it loads (jsdom, the simulator, the build) runs in the test file's
// sandbox, whose globals (window, wx, App, Page) the shim sets. Node's own require would run it outside.
const load: NodeJS.Require = require;
export const weappBuildDir = fileURLToPath(new URL('../../miniprogram/dist/weapp', import.meta.url));

type Fn = (...args: any[]) => any;

/** What the tests use of a rendered (jsdom) element; the test project has no DOM types. */
export interface SimElement {
  tagName: string;
  textContent: string | null;
  parentElement: SimElement | null;
  childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
  querySelector(selector: string): SimElement | null;
  querySelectorAll(selector: string): ArrayLike<SimElement>;
  getAttribute(name: string): string | null;
}
type Callbacks = { success?: Fn; fail?: Fn; complete?: Fn };

export interface Navigation {
  api: string;
  url?: string;
  delta?: number;
}

export interface WeappWorld {
  /** Requests the app made, in order (method and path, query included). */
  requests: { method: string; path: string; status?: number }[];
  navigations: Navigation[];
  toasts: string[];
  modals: { title?: string; content?: string }[];
  storage: Map<string, unknown>;
  /** What `wx.showModal` answers (default: confirm). */
  modalAnswer: { confirm: boolean };
  /** What the person answers in `wx.requestSubscribeMessage`, per template (default: accept all). */
  subscribeAnswer: 'accept' | 'reject';
  /** Template ids of each `wx.requestSubscribeMessage` call, in order. */
  subscribeRequests: string[][];
  /** Unknown `wx` members the app touched (add them to the shim when one matters). */
  missing: Set<string>;
  /** Resolves when no request is in flight. */
  idle(): Promise<void>;
}

let installed: { world: WeappWorld; simulate: any; setApiUrl: (url: string) => void } | null = null;
const loaded = new Map<string, string>();

// wcc's template runtime warns once per render that a template for a node type "i" is missing; every node of the
// page data still renders (checked node by node against data-sid), so this one line is noise.
function quietTemplateWarning() {
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && /^WXMLRT_\$gwx:base\.wxml:template:\d+:\d+: Template `tmpl_0_i` not found/.test(args[0]))
      return;
    warn(...args);
  };
}

function installDom() {
  // exparser renders into a DOM; the globals a jest "jsdom" environment would have.
  const { JSDOM } = load('jsdom') as { JSDOM: new (html: string, options: object) => { window: unknown } };
  const dom = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    pretendToBeVisual: true,
    url: 'https://servicewechat.com/',
  });
  const g = globalThis as any;
  const win = dom.window as any;
  g.window = win;
  for (const key of Object.getOwnPropertyNames(win)) {
    if (key in g || key.startsWith('_')) continue;
    try {
      g[key] = win[key];
    } catch {
      /* read-only */
    }
  }
  g.document = win.document;
  g.Event = win.Event;
  g.CustomEvent = win.CustomEvent;
  g.TouchEvent = win.TouchEvent ?? win.Event;
}

function ok(name: string, cb: Callbacks, extra: Record<string, unknown> = {}) {
  const res = { errMsg: `${name}:ok`, ...extra };
  queueMicrotask(() => {
    cb.success?.(res);
    cb.complete?.(res);
  });
  return res;
}

function makeWx(world: WeappWorld, getApiUrl: () => string) {
  const systemInfo = {
    brand: 'devtools',
    model: 'iPhone 14',
    pixelRatio: 3,
    screenWidth: 390,
    screenHeight: 844,
    windowWidth: 390,
    windowHeight: 844,
    statusBarHeight: 47,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 17.0',
    platform: 'devtools',
    SDKVersion: '3.5.0',
    safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
    theme: 'light',
  };
  let inFlight = 0;
  let loginCodes = 0;
  let waiters: (() => void)[] = [];
  const settle = () => {
    if (inFlight === 0) {
      const w = waiters;
      waiters = [];
      w.forEach((fn) => fn());
    }
  };
  world.idle = () => (inFlight === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve)));

  const navigate =
    (api: string) =>
    (opts: Callbacks & { url?: string; delta?: number } = {}) => {
      world.navigations.push({ api, url: opts.url, delta: opts.delta });
      return ok(api, opts);
    };

  const wx: Record<string, unknown> = {
    getSystemInfoSync: () => ({ ...systemInfo }),
    getSystemInfo: (o: Callbacks) => ok('getSystemInfo', o, systemInfo),
    getWindowInfo: () => ({ ...systemInfo }),
    getDeviceInfo: () => ({ ...systemInfo }),
    getAppBaseInfo: () => ({ ...systemInfo }),
    getSystemSetting: () => ({}),
    getAppAuthorizeSetting: () => ({}),
    getMenuButtonBoundingClientRect: () => ({ width: 87, height: 32, top: 51, right: 381, bottom: 83, left: 294 }),
    getAccountInfoSync: () => ({ miniProgram: { appId: 'wx-test', envVersion: 'develop', version: '' } }),
    getLaunchOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
    getEnterOptionsSync: () => ({ path: 'pages/index/index', query: {}, scene: 1001 }),
    canIUse: () => true,
    nextTick: (fn: Fn) => setTimeout(fn, 0),
    env: { USER_DATA_PATH: 'wxfile://usr' },

    request(
      opts: Callbacks & { url: string; method?: string; data?: unknown; header?: Record<string, string>; dataType?: string },
    ) {
      const target = new URL(opts.url, 'http://placeholder');
      const url = getApiUrl() + target.pathname + target.search;
      const method = (opts.method ?? 'GET').toUpperCase();
      const entry: WeappWorld['requests'][number] = { method, path: target.pathname + target.search };
      world.requests.push(entry);
      const headers: Record<string, string> = { ...(opts.header ?? {}) };
      let body: string | undefined;
      if (opts.data !== undefined && method !== 'GET')
        body = typeof opts.data === 'string' ? opts.data : JSON.stringify(opts.data);
      inFlight++;
      const controller = new AbortController();
      fetch(url, { method, headers, body, signal: controller.signal })
        .then(async (r) => {
          const text = await r.text();
          let data: unknown = text;
          if ((opts.dataType ?? 'json') === 'json') {
            try {
              data = text ? JSON.parse(text) : '';
            } catch {
              /* keep the text, like WeChat */
            }
          }
          entry.status = r.status;
          const header: Record<string, string> = {};
          r.headers.forEach((v, k) => (header[k] = v));
          const res = { data, statusCode: r.status, header, cookies: [], errMsg: 'request:ok' };
          opts.success?.(res);
          opts.complete?.(res);
        })
        .catch((e: unknown) => {
          const res = { errMsg: `request:fail ${e instanceof Error ? e.message : String(e)}` };
          opts.fail?.(res);
          opts.complete?.(res);
        })
        .finally(() => {
          inFlight--;
          setTimeout(settle, 0);
        });
      return {
        abort: () => controller.abort(),
        onHeadersReceived() {},
        offHeadersReceived() {},
        onChunkReceived() {},
        offChunkReceived() {},
      };
    },

    getStorageSync: (key: string) => (world.storage.has(key) ? structuredClone(world.storage.get(key)) : ''),
    setStorageSync: (key: string, value: unknown) => void world.storage.set(key, structuredClone(value)),
    removeStorageSync: (key: string) => void world.storage.delete(key),
    clearStorageSync: () => world.storage.clear(),
    getStorageInfoSync: () => ({ keys: [...world.storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage: (o: Callbacks & { key: string }) =>
      world.storage.has(o.key)
        ? ok('getStorage', o, { data: structuredClone(world.storage.get(o.key)) })
        : queueMicrotask(() => o.fail?.({ errMsg: 'getStorage:fail data not found' })),
    setStorage: (o: Callbacks & { key: string; data: unknown }) => {
      world.storage.set(o.key, structuredClone(o.data));
      return ok('setStorage', o);
    },
    removeStorage: (o: Callbacks & { key: string }) => {
      world.storage.delete(o.key);
      return ok('removeStorage', o);
    },

    navigateTo: navigate('navigateTo'),
    redirectTo: navigate('redirectTo'),
    switchTab: navigate('switchTab'),
    reLaunch: navigate('reLaunch'),
    navigateBack: navigate('navigateBack'),

    // A fresh one-time code per call, as WeChat hands out.
    login: (o: Callbacks) => ok('login', o, { code: `wx-code-${++loginCodes}` }),
    checkSession: (o: Callbacks) => ok('checkSession', o),
    showToast: (o: Callbacks & { title?: string }) => {
      world.toasts.push(o.title ?? '');
      return ok('showToast', o);
    },
    hideToast: (o: Callbacks = {}) => ok('hideToast', o),
    showLoading: (o: Callbacks = {}) => ok('showLoading', o),
    hideLoading: (o: Callbacks = {}) => ok('hideLoading', o),
    showModal: (o: Callbacks & { title?: string; content?: string }) => {
      world.modals.push({ title: o.title, content: o.content });
      return ok('showModal', o, { ...world.modalAnswer, cancel: !world.modalAnswer.confirm });
    },
    showActionSheet: (o: Callbacks) => ok('showActionSheet', o, { tapIndex: 0 }),
    setNavigationBarTitle: (o: Callbacks) => ok('setNavigationBarTitle', o),
    setNavigationBarColor: (o: Callbacks) => ok('setNavigationBarColor', o),
    showNavigationBarLoading: (o: Callbacks = {}) => ok('showNavigationBarLoading', o),
    hideNavigationBarLoading: (o: Callbacks = {}) => ok('hideNavigationBarLoading', o),
    stopPullDownRefresh: (o: Callbacks = {}) => ok('stopPullDownRefresh', o),
    startPullDownRefresh: (o: Callbacks = {}) => ok('startPullDownRefresh', o),
    pageScrollTo: (o: Callbacks = {}) => ok('pageScrollTo', o),
    setClipboardData: (o: Callbacks) => ok('setClipboardData', o),
    makePhoneCall: (o: Callbacks) => ok('makePhoneCall', o),
    requestSubscribeMessage: (o: Callbacks & { tmplIds?: string[] }) => {
      world.subscribeRequests.push(o.tmplIds ?? []);
      const answers = Object.fromEntries((o.tmplIds ?? []).map((id) => [id, world.subscribeAnswer]));
      return ok('requestSubscribeMessage', o, answers);
    },
    vibrateShort: (o: Callbacks = {}) => ok('vibrateShort', o),
    hideHomeButton: (o: Callbacks = {}) => ok('hideHomeButton', o),
    showShareMenu: (o: Callbacks = {}) => ok('showShareMenu', o),
    onAppShow() {},
    offAppShow() {},
    onAppHide() {},
    offAppHide() {},
    onError() {},
    onUnhandledRejection() {},
    onPageNotFound() {},
    onThemeChange() {},
    onWindowResize() {},
    offWindowResize() {},
    onNetworkStatusChange() {},
    onMemoryWarning() {},
    reportAnalytics() {},
    getUpdateManager: () => ({ onCheckForUpdate() {}, onUpdateReady() {}, onUpdateFailed() {}, applyUpdate() {} }),
    getNetworkType: (o: Callbacks) => ok('getNetworkType', o, { networkType: 'wifi' }),
    createSelectorQuery: () => {
      const query: any = {
        in: () => query,
        select: () => node,
        selectAll: () => node,
        selectViewport: () => node,
        exec: (cb?: Fn) => setTimeout(() => cb?.([]), 0),
      };
      const node: any = {
        boundingClientRect: (cb?: Fn) => (cb && setTimeout(() => cb({ width: 0, height: 0, top: 0, left: 0 }), 0), query),
        scrollOffset: (cb?: Fn) => (cb && setTimeout(() => cb({ scrollTop: 0, scrollLeft: 0 }), 0), query),
        fields: (_f: unknown, cb?: Fn) => (cb && setTimeout(() => cb({}), 0), query),
        node: (cb?: Fn) => (cb && setTimeout(() => cb({}), 0), query),
        context: (cb?: Fn) => (cb && setTimeout(() => cb({}), 0), query),
      };
      return query;
    },
    createIntersectionObserver: () => ({ relativeTo: () => ({}), relativeToViewport: () => ({ observe() {} }), disconnect() {} }),
    createAnimation: () => {
      const a: any = new Proxy({}, { get: (_t, k) => (k === 'export' ? () => ({ actions: [] }) : () => a) });
      return a;
    },
  };
  // Record what the app reaches for that the shim does not have; a phone would have it.
  return new Proxy(wx, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target) && key !== 'then' && key !== 'webpackJsonp') world.missing.add(key);
      return (target as any)[key];
    },
  });
}

export interface PageOpen {
  /** The simulator's root component: `.dom` (jsdom element), `.instance` (the page), `.querySelector`. */
  comp: any;
  /** The page instance Taro drives (`onLoad`, `setData`, `data.root`). */
  page: any;
  /** The page's text as a user reads it (whitespace collapsed). */
  text(): string;
  /** Waits until `predicate(text)` holds (the app waits on the api and on React). */
  waitForText(match: string | RegExp, timeoutMs?: number): Promise<string>;
  /** The innermost rendered node whose text is `match` (a tap on it bubbles to its handlers). */
  findByText(match: string | RegExp): SimElement | null;
  /** The input of the form field labelled `label` (the label's own text, without the required mark). */
  inputByLabel(label: string): SimElement;
  tap(el: SimElement): Promise<void>;
  input(el: SimElement, value: string): Promise<void>;
  unload(): void;
}

/**
 * Loads the weapp build once per process: the app (runtime, taro, vendors, common, app.js) then any page on demand.
 * `apiUrl` may change between tests.
 */
export function loadWeapp(apiUrl: string): {
  world: WeappWorld;
  openPage: (route: string, query?: Record<string, string>) => Promise<PageOpen>;
  /** Unloads every page still open (a test that failed half-way leaves its page on the stack). */
  closeAll: () => void;
} {
  if (!existsSync(path.join(weappBuildDir, 'app.js'))) {
    throw new Error('no weapp build: run the tests with `npm test` (it builds first)');
  }
  if (!installed) {
    installDom();
    quietTemplateWarning();
    const world: WeappWorld = {
      requests: [],
      navigations: [],
      toasts: [],
      modals: [],
      storage: new Map(),
      modalAnswer: { confirm: true },
      subscribeAnswer: 'accept',
      subscribeRequests: [],
      missing: new Set(),
      idle: () => Promise.resolve(),
    };
    let currentApi = apiUrl;
    const g = globalThis as any;
    g.wx = makeWx(world, () => currentApi);
    const simulate = load('miniprogram-simulate');
    let app: any = null;
    const pageStack: any[] = [];
    g.App = (config: any) => {
      app = config;
    };
    g.getApp = () => app;
    g.getCurrentPages = () => pageStack.slice();
    g.__pageStack = pageStack;
    // A Page is a Component whose lifecycles the test calls the way the client would (onLoad with the query, onShow).
    g.Page = (options: Record<string, unknown>) => {
      const methods: Record<string, Fn> = {};
      for (const [key, value] of Object.entries(options)) if (typeof value === 'function') methods[key] = value as Fn;
      g.Component({ data: options.data ?? {}, methods, options: { addGlobalClass: true } });
    };
    load(path.join(weappBuildDir, 'app.js'));
    if (!app) throw new Error('app.js did not call App()');
    app.onLaunch?.({ path: 'pages/index/index', query: {}, scene: 1001 });
    app.onShow?.({ path: 'pages/index/index', query: {}, scene: 1001 });
    installed = { world, simulate, setApiUrl: (url) => (currentApi = url) };
  }
  installed.setApiUrl(apiUrl);
  const { world, simulate } = installed;

  async function openPage(route: string, query: Record<string, string> = {}): Promise<PageOpen> {
    // A page's chunk runs once (webpack caches its modules, so `Page()` is called once): register it once per route.
    let id = loaded.get(route);
    if (!id) {
      id = simulate.load(path.join(weappBuildDir, route), { rootPath: weappBuildDir, compiler: 'official' }) as string;
      loaded.set(route, id);
    }
    const comp = simulate.render(id);
    const doc = (globalThis as any).document;
    const parent = doc.createElement('div');
    doc.body.appendChild(parent);
    comp.attach(parent);
    const page = comp.instance;
    page.route = route;
    page.__route__ = route;
    page.options = query;
    const stack = (globalThis as any).__pageStack as any[];
    stack.push(page);
    page.onLoad(query);
    page.onShow?.();
    page.onReady?.();

    const text = () => (comp.dom.textContent ?? '').replace(/\s+/g, ' ').trim();
    const settle = async () => {
      for (let i = 0; i < 5; i++) {
        await new Promise((r) => setTimeout(r, 10));
        await world.idle();
      }
    };
    const open: PageOpen = {
      comp,
      page,
      text,
      async waitForText(match, timeoutMs = 5000) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
          const t = text();
          if (typeof match === 'string' ? t.includes(match) : match.test(t)) return t;
          if (Date.now() > deadline)
            throw new Error(`expected ${String(match)} in the ${route} page; it shows: ${t.slice(0, 600)}`);
          await settle();
        }
      },
      findByText(match) {
        const all = Array.from((comp.dom as SimElement).querySelectorAll('*'));
        const hits = all.filter((el) => {
          const t = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
          return typeof match === 'string' ? t === match : match.test(t);
        });
        return hits.length ? hits[hits.length - 1]! : null;
      },
      inputByLabel(label) {
        const all = Array.from((comp.dom as SimElement).querySelectorAll('*'));
        const own = (el: SimElement) =>
          Array.from(el.childNodes)
            .filter((n) => n.nodeType === 3)
            .map((n) => n.textContent ?? '')
            .join('')
            .replace(/[\s*]/g, '');
        for (const el of all.filter((e) => own(e) === label)) {
          // The label and its input share a parent (a form row); look a few levels up.
          let row: SimElement | null = el.parentElement;
          for (let i = 0; row && i < 3; i++, row = row.parentElement) {
            const input = row.querySelector('wx-input, wx-textarea');
            if (input) return input;
          }
        }
        throw new Error(`no input labelled "${label}" in the ${route} page; it shows: ${text().slice(0, 400)}`);
      },
      async tap(el) {
        await dispatch(el, 'tap', {});
        await settle();
      },
      async input(el, value) {
        await dispatch(el, 'input', { value, cursor: value.length, keyCode: 0 });
        await settle();
      },
      unload() {
        page.onUnload?.();
        comp.detach();
        stack.splice(stack.indexOf(page), 1);
      },
    };
    await settle();
    return open;
  }

  // Events go to the exparser node behind a DOM element, the way j-component's own tap simulation reaches them.
  async function dispatch(el: SimElement, type: string, detail: Record<string, unknown>) {
    const exparser = load('miniprogram-exparser');
    const node = (el as any).__wxElement;
    if (!node) throw new Error(`not a rendered node: <${el.tagName.toLowerCase()}>`);
    exparser.Event.dispatchEvent(
      node,
      exparser.Event.create(type, detail, {
        bubbles: true,
        composed: true,
        capturePhase: true,
        extraFields: { touches: [], changedTouches: [] },
      }),
    );
    await new Promise((r) => setTimeout(r, 0));
  }

  const opened: PageOpen[] = [];
  const open = async (route: string, query: Record<string, string> = {}) => {
    const page = await openPage(route, query);
    opened.push(page);
    return page;
  };
  const closeAll = () => {
    for (const page of opened.splice(0)) {
      if (((globalThis as any).__pageStack as unknown[]).includes(page.page)) page.unload();
    }
  };
  return { world, openPage: open, closeAll };
}
