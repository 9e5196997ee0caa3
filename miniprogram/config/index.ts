import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

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
    plugins: [],
    defineConstants: {},
    framework: 'react',
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
        // ECharts (the organizer insights charts) in one chunk of its own, fetched when an insights page opens:
        // by default each page chunk would carry its own copy, and it must never be in the first load.
        const split = chain.optimization.get('splitChunks');
        if (split) {
          chain.optimization.splitChunks({
            ...split,
            cacheGroups: {
              ...split.cacheGroups,
              echarts: {
                test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/,
                chunks: 'async',
                name: 'echarts',
                priority: 200,
                enforce: true,
              },
            },
          });
        }
      },
      devServer: { port: 10086 },
    },
  };
  return merge({}, base);
});
