import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';
import mount from 'koa-mount';
import serve from 'koa-static';

// Taro's H5 shell sets the rem base with an inline script, and NutUI sets inline styles; the api's own
// strict policy (default-src 'self') would break the page, so the H5 files get their own policy.
const H5_CSP = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  // blob: so Taro.uploadFile can read back the picture an organizer just picked (an object URL).
  "connect-src 'self' blob:",
  "object-src 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** A content-hashed asset (`js/app.3f65331e.js`), or its precompressed copy (`….js.br`, `….js.gz`). */
const HASHED = /\.[0-9a-f]{8}\.(js|css)(\.br|\.gz)?$/;

/**
 * Serve the mini-program's H5 build under /h5/ (what `npm start` and small deployments use; behind nginx
 * in production, set H5_DIR to empty). Hashed assets are cached for a year, index.html never, so a new
 * build reaches users on their next visit. The build writes a brotli and a gzip copy of each file
 * (miniprogram/config/index.ts); they are sent to clients that accept them, with no compression work per
 * request: a pushed link opened over a mobile network fetches a quarter of the bytes. Returns false when
 * there is no build to serve.
 */
export function serveH5(app: Koa, dir: string): boolean {
  if (!dir || !existsSync(path.join(dir, 'index.html'))) return false;
  const files = serve(dir, {
    index: 'index.html',
    brotli: true,
    gzip: true,
    setHeaders: (res, filePath) => {
      res.setHeader('Content-Security-Policy', H5_CSP);
      res.setHeader('Cache-Control', HASHED.test(filePath) ? 'public, max-age=31536000, immutable' : 'no-cache');
      // The same URL is sent brotli, gzip or plain by Accept-Encoding: caches must keep them apart.
      res.setHeader('Vary', 'Accept-Encoding');
    },
  });
  // Browsers ask for /favicon.ico at the site root whatever the page says; the build carries it (index.html
  // links it there too). Not hashed, so cached for a week rather than a year.
  const favicon = path.join(dir, 'favicon.ico');
  const hasFavicon = existsSync(favicon);
  app.use(async (ctx, next) => {
    if (ctx.method === 'GET' && (ctx.path === '/' || ctx.path === '/h5')) {
      ctx.redirect('/h5/');
      return;
    }
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && ctx.path === '/favicon.ico' && hasFavicon) {
      ctx.type = 'image/x-icon';
      ctx.set('Cache-Control', 'public, max-age=604800');
      ctx.body = createReadStream(favicon);
      return;
    }
    await next();
  });
  app.use(mount('/h5', files));
  return true;
}
