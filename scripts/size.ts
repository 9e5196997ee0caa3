/**
 * `npm run size`: production builds of the mini-program (weapp and H5) into miniprogram/dist-size (the builds the api
 * serves and the tests load are untouched), then what they weigh:
 * - weapp main package: every file of the weapp output outside the subpackage roots of app.json (WeChat: 2 MB hard
 *   limit, our target 800 KB); each subpackage on its own (the organizer tools);
 * - H5: the JS that index.html loads directly, gzipped (target 80 KB); what 首页 and an event page (a pushed link)
 *   load before their first paint: those scripts plus the page's own chunks, JS and CSS, that index.html preloads for
 *   the route (miniprogram/config/routePreload.ts; target 130 KB each); and all H5 JS gzipped (target 300 KB: before
 *   shared chunks were split out of the 26 page chunks it was 1.2 MB), the insights screens' ECharts chunk apart.
 * Last line: one JSON object. Exits 1 when the main package is over WeChat's limit.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './db.js';

const WEAPP_MAIN_LIMIT_KB = 2048;
const WEAPP_MAIN_TARGET_KB = 800;
const H5_INITIAL_GZIP_TARGET_KB = 80;
const H5_PAGE_GZIP_TARGET_KB = 130;
const H5_TOTAL_GZIP_TARGET_KB = 300;

const appDir = path.join(repoRoot, 'miniprogram');
const outRel = 'dist-size';
const outDir = path.join(appDir, outRel);

function build(type: 'weapp' | 'h5'): void {
  const started = Date.now();
  process.stdout.write(`building ${type} (production)… `);
  const result = spawnSync('npx', ['taro', 'build', '--type', type], {
    cwd: appDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NODE_ENV: 'production', TB_OUTPUT_DIR: outRel },
  });
  if (result.status !== 0) {
    process.stdout.write('failed\n');
    process.stderr.write(result.stdout + result.stderr);
    process.exit(2);
  }
  process.stdout.write(`${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

const kb = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;
const sizeOf = (files: string[]) => files.reduce((sum, f) => sum + statSync(f).size, 0);
const gzipSizeOf = (files: string[]) => files.reduce((sum, f) => sum + gzipSync(readFileSync(f)).length, 0);

rmSync(outDir, { recursive: true, force: true });
build('weapp');
build('h5');

// weapp: main package = everything outside the subpackage roots.
const weappDir = path.join(outDir, 'weapp');
const appJson = JSON.parse(readFileSync(path.join(weappDir, 'app.json'), 'utf8')) as {
  subPackages?: { root: string }[];
  subpackages?: { root: string }[];
};
const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/^\/+|\/+$/g, ''));
const weappFiles = filesUnder(weappDir);
const inRoot = (file: string, root: string) => path.relative(weappDir, file).split(path.sep).join('/').startsWith(`${root}/`);
const mainFiles = weappFiles.filter((f) => !roots.some((root) => inRoot(f, root)));
const weappMainKb = kb(sizeOf(mainFiles));
const subKb = Object.fromEntries(roots.map((root) => [root, kb(sizeOf(weappFiles.filter((f) => inRoot(f, root))))]));

// H5: the scripts index.html names (under its publicPath) versus every JS file of the build.
const h5Dir = path.join(outDir, 'h5');
const indexHtml = readFileSync(path.join(h5Dir, 'index.html'), 'utf8');
const initialJs = [...indexHtml.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)]
  .map((m) => m[1]!)
  .filter((src) => !/^[a-z]+:\/\//i.test(src))
  .map((src) => path.join(h5Dir, src.replace(/^\/h5\//, '').replace(/^\//, '')));
// The insights charts' ECharts chunk (about 190 KB gzipped) is fetched only by the three organizer insights screens
// (miniprogram/config/h5Chunks.ts): it is weighed on its own, and the all-JS budget is for everything else.
const isChartChunk = (f: string) => /[\\/]echarts\.[0-9a-f]+\.js$/.test(f);
const allJs = filesUnder(h5Dir).filter((f) => f.endsWith('.js') && !isChartChunk(f));
const chartJs = filesUnder(h5Dir).filter(isChartChunk);
const h5ChartsGzipKb = kb(gzipSizeOf(chartJs));
const h5InitialGzipKb = kb(gzipSizeOf(initialJs));
const h5TotalGzipKb = kb(gzipSizeOf(allJs));
// The route → chunk files map that index.html's boot script preloads from.
const routes = JSON.parse(/var routes=(\{.*?\}),base=/.exec(indexHtml)?.[1] ?? '{}') as Record<string, string[]>;
const initialCss = [...indexHtml.matchAll(/<link\b[^>]*\bhref="([^"]+\.css)"/g)].map((m) =>
  path.join(h5Dir, m[1]!.replace(/^\/h5\//, '')),
);
/** What opening `route` loads before its first paint, gzipped: index.html's scripts and styles plus the route's chunks. */
function pageGzipKb(route: string): number {
  const own = routes[route];
  if (!own) {
    console.error(`index.html preloads nothing for ${route}: miniprogram/config/routePreload.ts found no chunks for it`);
    process.exit(2);
  }
  return kb(gzipSizeOf([...initialJs, ...initialCss, ...own.map((f) => path.join(h5Dir, f))]));
}
const h5HomeGzipKb = pageGzipKb('pages/index/index');
const h5EventGzipKb = pageGzipKb('pages/event/detail');

const verdict = (value: number, target: number) => (value <= target ? 'within target' : 'OVER target');
console.log('');
console.log(
  `weapp main package        ${weappMainKb} KB  (target ${WEAPP_MAIN_TARGET_KB} KB, WeChat limit ${WEAPP_MAIN_LIMIT_KB} KB): ${verdict(weappMainKb, WEAPP_MAIN_TARGET_KB)}`,
);
for (const [root, size] of Object.entries(subKb)) console.log(`weapp subpackage ${root.padEnd(9)} ${size} KB`);
console.log(
  `H5 initial JS, gzip       ${h5InitialGzipKb} KB  (${initialJs.length} files from index.html; target ${H5_INITIAL_GZIP_TARGET_KB} KB): ${verdict(h5InitialGzipKb, H5_INITIAL_GZIP_TARGET_KB)}`,
);
console.log(
  `H5 首页 first load, gzip   ${h5HomeGzipKb} KB  (JS and CSS; target ${H5_PAGE_GZIP_TARGET_KB} KB): ${verdict(h5HomeGzipKb, H5_PAGE_GZIP_TARGET_KB)}`,
);
console.log(
  `H5 event page, gzip       ${h5EventGzipKb} KB  (JS and CSS; target ${H5_PAGE_GZIP_TARGET_KB} KB): ${verdict(h5EventGzipKb, H5_PAGE_GZIP_TARGET_KB)}`,
);
console.log(
  `H5 all JS, gzip           ${h5TotalGzipKb} KB  (${allJs.length} files, charts apart; target ${H5_TOTAL_GZIP_TARGET_KB} KB): ${verdict(h5TotalGzipKb, H5_TOTAL_GZIP_TARGET_KB)}`,
);
console.log(`H5 charts chunk, gzip     ${h5ChartsGzipKb} KB  (ECharts, insights screens only)`);
console.log(`builds in ${path.relative(repoRoot, outDir)}/ (gzip: zlib level 6, per file)`);

const over = weappMainKb > WEAPP_MAIN_LIMIT_KB;
if (over) console.error(`weapp main package is over WeChat's ${WEAPP_MAIN_LIMIT_KB} KB limit: it cannot be uploaded`);
console.log(
  JSON.stringify({
    weapp_main_kb: weappMainKb,
    weapp_organizer_kb: subKb.organizer ?? 0,
    h5_initial_js_gzip_kb: h5InitialGzipKb,
    h5_home_gzip_kb: h5HomeGzipKb,
    h5_event_gzip_kb: h5EventGzipKb,
    h5_total_js_gzip_kb: h5TotalGzipKb,
    h5_charts_js_gzip_kb: h5ChartsGzipKb,
  }),
);
process.exit(over ? 1 : 0);
