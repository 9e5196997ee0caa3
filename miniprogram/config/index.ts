import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import CompressionPlugin from 'compression-webpack-plugin';
import { h5SplitChunks } from './h5Chunks';
import { RoutePreloadPlugin } from './routePreload';

// The page an empty H5 hash opens: the first of app.config.ts's pages.
const HOME_ROUTE = 'pages/index/index';

/** The H5 api base when it is a same-origin path (what index.html may prefetch from), else empty. */
function sameOriginApiBase(): string {
  const base = process.env.TARO_APP_H5_API_BASE || process.env.TARO_APP_API_BASE || '';
  return base.startsWith('/') && !base.startsWith('//') ? base : '';
}

// Taro build configuration for both targets. Each target writes to its own folder (dist/weapp, dist/h5):
// with one shared output root, building one target wipes the other.
export default defineConfig<'webpack5'>(async (merge, { mode }) => {
  const target = process.env.TARO_ENV ?? 'weapp';
  const sharedSrc = path.resolve(__dirname, '../../shared/src');

  // The app uses only dependency-free modules of @techbridge/shared (taxonomy). Point webpack at their TypeScript
  // source (what the package's "source" export condition means) and let babel compile it.
  const resolveShared = (chain: any) => {
    chain.resolve.alias.set('@techbridge/shared', sharedSrc);
    // Shared sources import each other as `./x.js` (NodeNext) for `./x.ts` (taxonomy.ts reads prefectures.ts).
    chain.resolve.merge({ extensionAlias: { '.js': ['.ts', '.js'] } });
  };

  const base: UserConfigExport<'webpack5'> = {
    projectName: 'techbridge',
    date: '2026-11-23',
    // NutUI's components are drawn at a 375 px design width; our own styles at 750.
    designWidth(input: any) {
      const file = typeof input === 'object' && input ? String(input.file ?? '') : '';
      return file.replace(/\\+/g, '/').includes('@nutui/') ? 375 : 750;
    },
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // TB_OUTPUT_DIR (relative) lets parallel builds write elsewhere, e.g. `dist-check`.
    outputRoot: `${process.env.TB_OUTPUT_DIR ?? 'dist'}/${target}`,
    // The site icon (api/src/h5.ts serves it at /favicon.ico); H5 only, a mini-program has no use for it.
    copy: {
      patterns: target === 'h5' ? [{ from: 'src/favicon.ico', to: `${process.env.TB_OUTPUT_DIR ?? 'dist'}/h5/favicon.ico` }] : [],
      options: {},
    },
    plugins: [],
    defineConstants: {},
    // H5 runs on Preact (through preact/compat, so the code and NutUI stay React): react-dom alone was 130 KB of the
    // 220 KB that a phone parses and runs before the first paint. The mini-program keeps React.
    framework: target === 'h5' ? 'preact' : 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    logger: { quiet: mode === 'production', stats: false },
    mini: {
      compile: { include: [sharedSrc] },
      postcss: { pxtransform: { enable: true, config: {} }, cssModules: { enable: false } },
      webpackChain: resolveShared,
      // Organizer pages live in a subpackage: the main package (WeChat's 2 MB limit) carries only what users need.
      optimizeMainPackage: { enable: true },
      // Page styles do not depend on each other's order; the warnings about it are noise.
      miniCssExtractPluginOption: { ignoreOrder: true },
    },
    h5: {
      compile: { include: [sharedSrc] },
      // The api serves this build under /h5/ (see api/src/h5.ts); pushed links are `${H5_BASE_URL}/#/pages/...`.
      publicPath: '/h5/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: { autoprefixer: { enable: true, config: {} }, cssModules: { enable: false } },
      webpackChain: (chain: any) => {
        resolveShared(chain);
        // Not in watch (dev server) builds: `mode` is the .env mode (e2e builds are production builds too).
        if (process.env.NODE_ENV !== 'production') return;
        chain.optimization.splitChunks(h5SplitChunks);
        chain
          .plugin('routePreload')
          .use(RoutePreloadPlugin, [{ publicPath: '/h5/', homeRoute: HOME_ROUTE, apiBase: sameOriginApiBase() }]);
        // .br and .gz next to each file: the api (koa-static) and nginx (gzip_static) send them as they are, with no
        // compression work per request. JS and CSS shrink to about a quarter.
        for (const [name, algorithm] of [
          ['brotli', 'brotliCompress'],
          ['gzip', 'gzip'],
        ] as const) {
          chain.plugin(name).use(CompressionPlugin, [
            {
              algorithm,
              test: /\.(js|css|html|svg|json)$/,
              threshold: 1024,
              minRatio: 0.9,
              filename: `[path][base].${name === 'brotli' ? 'br' : 'gz'}`,
            },
          ]);
        }
      },
      // No hot reload: on Preact it needs @prefresh/webpack, a dependency for one developer convenience; the dev
      // server reloads the page instead.
      devServer: { port: 10086, hot: false },
    },
  };
  return merge({}, base);
});
