/**
 * A webpack plugin for the H5 build: writes into index.html, before the app's scripts, a small script that
 * starts what the opened page needs while the app's own JavaScript is still downloading (README "Fast on a phone"):
 * - `<link rel="preload">` for the page's chunks (JS and CSS). Without it the router asks for them only after
 *   the app has run, a second round trip after the first;
 * - the page's first api requests (h5Prefetch.ts, read by src/lib/prefetch.ts), so the data is there when the
 *   page asks for it.
 * The route comes from the URL's hash (`#/pages/event/detail?id=…`), which the server never sees; an empty hash is
 * the first page of app.config.ts.
 */
import type { Compilation, Compiler } from 'webpack';
import { prefetchScript } from './h5Prefetch';

const NAME = 'RoutePreloadPlugin';

interface Options {
  /** webpack's publicPath, e.g. `/h5/`. */
  publicPath: string;
  /** The route an empty hash opens. */
  homeRoute: string;
  /** Same-origin api base (`/api/v1`), or empty for no data prefetch. */
  apiBase: string;
}

/** Route (`pages/event/detail`) → the files its import() loads, initial chunks (already in index.html) left out. */
function routeFiles(compilation: Compilation): Record<string, string[]> {
  const routes: Record<string, Set<string>> = {};
  for (const group of compilation.chunkGroups) {
    if (group.isInitial()) continue;
    for (const origin of group.origins) {
      // Taro's app loader imports each page by its path without extension (`./pages/index/index`).
      const route = /(?:^|[\\/])((?:pages|organizer)[\\/][^?!]+?)(?:\.[jt]sx?)?$/.exec(origin.request ?? '')?.[1];
      if (!route) continue;
      const files = (routes[route.replace(/\\/g, '/')] ??= new Set());
      for (const chunk of group.chunks) {
        if (chunk.canBeInitial()) continue;
        for (const file of chunk.files) if (/\.(js|css)$/.test(file)) files.add(file);
      }
    }
  }
  return Object.fromEntries(Object.entries(routes).map(([route, files]) => [route, [...files].sort()]));
}

/** The inline script: preload the route's files, then start its api requests. */
function bootScript(routes: Record<string, string[]>, opts: Options): string {
  return `(function(){try{
var routes=${JSON.stringify(routes)},base=${JSON.stringify(opts.publicPath)};
var m=/^#\\/?([^?]*)(?:\\?(.*))?$/.exec(location.hash)||[],route=m[1]||${JSON.stringify(opts.homeRoute)};
var params={};(m[2]||'').split('&').forEach(function(kv){var i=kv.indexOf('=');if(i>0)params[decodeURIComponent(kv.slice(0,i))]=decodeURIComponent(kv.slice(i+1));});
(routes[route]||[]).forEach(function(f){var l=document.createElement('link');l.rel='preload';l.as=/\\.css$/.test(f)?'style':'script';l.href=base+f;document.head.appendChild(l);});
${opts.apiBase ? prefetchScript(opts.apiBase) : ''}
}catch(e){}})();`;
}

export class RoutePreloadPlugin {
  constructor(private readonly opts: Options) {}

  apply(compiler: Compiler): void {
    const { Compilation, WebpackError, sources } = compiler.webpack;
    compiler.hooks.thisCompilation.tap(NAME, (compilation) => {
      // After html-webpack-plugin has written index.html (OPTIMIZE_INLINE), before compression (OPTIMIZE_TRANSFER).
      compilation.hooks.processAssets.tap({ name: NAME, stage: Compilation.PROCESS_ASSETS_STAGE_SUMMARIZE }, () => {
        const html = compilation.getAsset('index.html');
        if (!html) return;
        const text = html.source.source().toString();
        const routes = routeFiles(compilation);
        if (!routes[this.opts.homeRoute]) {
          // Taro changed how it imports pages: say so rather than ship an index.html that preloads nothing.
          compilation.errors.push(new WebpackError(`${NAME}: no chunks found for ${this.opts.homeRoute}`));
        }
        const script = `<script>${bootScript(routes, this.opts)}</script>`;
        // Before the first external script, so the preloads queue up with the app's own files.
        const at = text.search(/<script\b[^>]*\bsrc=/);
        const out = at >= 0 ? text.slice(0, at) + script + text.slice(at) : text.replace('</head>', `${script}</head>`);
        compilation.updateAsset('index.html', new sources.RawSource(out));
      });
    });
  }
}
