/**
 * How the H5 build splits its JavaScript and CSS (README "Fast on a phone").
 *
 * Taro's own H5 setting splits only the initial chunks, so every page's chunk carried its own copy of NutUI, our
 * components and their CSS (26 page chunks of 110-180 KB, 945 KB of JS in all, NutUI's base CSS repeated in each).
 * Here async chunks are split too: code that two or more pages share goes into shared chunks that each page loads
 * next to its own small one (in parallel, and from the browser cache on the next page). `minSize` keeps shared
 * chunks from getting tiny: on a 150 ms mobile network each file is a round trip of its own.
 */
export const h5SplitChunks = {
  chunks: 'all',
  minSize: 20_000,
  maxAsyncRequests: 6,
  maxInitialRequests: 4,
  cacheGroups: {
    default: false,
    defaultVendors: false,
    // ECharts (the organizer insights charts) in one chunk of its own, fetched when an insights page opens: it is
    // the largest library in the app and must never be in a first load or shared into a chunk other pages need.
    echarts: {
      name: 'echarts',
      test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/,
      chunks: 'async',
      priority: 200,
      enforce: true,
    },
    // Taro's runtime, router and components: needed before any page, one chunk loaded with the app.
    taro: {
      name: 'taro',
      test: (module: { context?: string | null }) => /[\\/]node_modules[\\/]@tarojs[\\/]/.test(module.context ?? ''),
      chunks: 'initial',
      priority: 100,
    },
    vendors: {
      test: /[\\/]node_modules[\\/]/,
      minChunks: 2,
      priority: 10,
      reuseExistingChunk: true,
    },
    common: {
      minChunks: 2,
      priority: 1,
      reuseExistingChunk: true,
    },
  },
} as const;
