/**
 * The H5 build's precompressed copies (`.br`, `.gz`, written by the build) are what a phone gets: brotli when it
 * accepts brotli, else gzip, else the plain file; hashed assets stay immutable in every encoding, and caches are
 * told the reply varies by Accept-Encoding.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import http from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { startTestApi, uniqueDbName } from '../../support/api.js';
import type { RunningApi } from '../../../api/src/server.js';

const SCRIPT = `console.log(${JSON.stringify('科转通 '.repeat(200))});`;
const h5Dir = mkdtempSync(path.join(tmpdir(), 'h5z-'));
writeFileSync(path.join(h5Dir, 'index.html'), '<!doctype html><title>科转通</title>');
mkdirSync(path.join(h5Dir, 'js'));
writeFileSync(path.join(h5Dir, 'js', 'app.0123abcd.js'), SCRIPT);
writeFileSync(path.join(h5Dir, 'js', 'app.0123abcd.js.br'), brotliCompressSync(SCRIPT));
writeFileSync(path.join(h5Dir, 'js', 'app.0123abcd.js.gz'), gzipSync(SCRIPT));

let api: RunningApi;
beforeAll(async () => {
  api = await startTestApi(uniqueDbName('h5z'), { env: { H5_DIR: h5Dir } });
});
afterAll(async () => api?.stop());

/** A GET that shows the bytes as sent (fetch would decompress them). */
function rawGet(
  url: string,
  acceptEncoding: string,
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

test('a phone that accepts brotli gets the brotli copy, immutable, varying by Accept-Encoding', async () => {
  const r = await rawGet(`${api.url}/h5/js/app.0123abcd.js`, 'gzip, deflate, br');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-encoding'], 'br');
  assert.match(String(r.headers['content-type']), /javascript/);
  assert.match(String(r.headers['cache-control']), /max-age=31536000, immutable/);
  assert.match(String(r.headers.vary), /Accept-Encoding/i);
  assert.ok(r.body.length < Buffer.byteLength(SCRIPT) / 4, `${r.body.length} bytes sent for ${Buffer.byteLength(SCRIPT)}`);
  assert.equal(brotliDecompressSync(r.body).toString(), SCRIPT);
});

test('gzip when brotli is not accepted, the plain file when nothing is', async () => {
  const gz = await rawGet(`${api.url}/h5/js/app.0123abcd.js`, 'gzip');
  assert.equal(gz.headers['content-encoding'], 'gzip');
  assert.match(String(gz.headers['cache-control']), /immutable/);
  assert.equal(gunzipSync(gz.body).toString(), SCRIPT);

  const plain = await rawGet(`${api.url}/h5/js/app.0123abcd.js`, 'identity');
  assert.equal(plain.headers['content-encoding'], undefined);
  assert.equal(plain.body.toString(), SCRIPT);

  const index = await rawGet(`${api.url}/h5/`, 'gzip, br');
  assert.equal(index.headers['cache-control'], 'no-cache');
  assert.match(index.body.toString(), /科转通/);
});
