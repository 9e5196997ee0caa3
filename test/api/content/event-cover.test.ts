/**
 * An event's cover picture: an organizer uploads it through the api, which checks the real type by
 * its first bytes, crops and resizes it for a phone (750×422 JPEG), stores it in the database and
 * serves it with long cache headers and an ETag. Another organizer cannot touch it; bad uploads are
 * 400s naming the field, in Chinese; the public event carries `coverUrl`.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { RunningApi } from '../../../api/src/server.js';
import { call, makeUser, publishedEvent, startTestApi, uniqueDbName } from '../../support/api.js';

let api: RunningApi;
let owner: { id: string; token: string };
let other: { id: string; token: string };
beforeAll(async () => {
  api = await startTestApi(uniqueDbName('cover'));
  owner = await makeUser(api, ['organizer'], '封面主办方');
  other = await makeUser(api, ['organizer'], '另一位主办方');
});
afterAll(() => api?.stop());

/** A real photo-sized picture: a gradient, so the encoder has something to compress. */
const picture = (width: number, height: number, format: 'jpeg' | 'png' | 'webp') => {
  const circle = `<svg width="${width}" height="${height}"><circle cx="50%" cy="50%" r="30%" fill="#ff8800"/></svg>`;
  const image = sharp({ create: { width, height, channels: 3, background: { r: 30, g: 94, b: 255 } } }).composite([
    { input: Buffer.from(circle) },
  ]);
  return image.toFormat(format).toBuffer();
};

async function upload(eventId: string, token: string | undefined, data: Buffer, filename = 'cover.jpg', type = 'image/jpeg') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)], { type }), filename);
  const res = await fetch(`${api.url}/api/v1/events/${eventId}/cover`, {
    method: 'POST',
    headers: token ? { authorization: `Bearer ${token}` } : {},
    body: form,
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function fetchImage(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${api.url}${url}`, { headers });
  return { res, data: Buffer.from(await res.arrayBuffer()) };
}

test('a 4000×3000 PNG becomes a 750×422 JPEG cover, served cacheable with an ETag, and the event carries it', async () => {
  const event = await publishedEvent(api, owner.token, { title: '封面测试路演' });
  // Read once first: the public read cache now holds the event without a cover, and must let it go.
  assert.equal((await call(api.url, 'GET', `/api/v1/events/${event.id}`)).body.coverUrl, null);
  const original = await picture(4000, 3000, 'png');
  const r = await upload(event.id, owner.token, original, 'photo.png', 'image/png');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.match(r.body.coverUrl, /^\/api\/v1\/images\/[0-9a-f]{24}$/);

  const { res, data } = await fetchImage(r.body.coverUrl);
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'image/jpeg');
  assert.match(res.headers.get('cache-control') ?? '', /max-age=31536000/);
  const etag = res.headers.get('etag');
  assert.ok(etag, 'no ETag');
  const meta = await sharp(data).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 750, 422]);
  assert.ok(data.length < original.length && data.length < 200_000, `cover is ${data.length} bytes`);

  // Revalidation costs no body.
  const again = await fetchImage(r.body.coverUrl, { 'if-none-match': etag! });
  assert.equal(again.res.status, 304);
  assert.equal(again.data.length, 0);

  // Everyone reading the event sees the cover.
  const pub = await call(api.url, 'GET', `/api/v1/events/${event.id}`);
  assert.equal(pub.body.coverUrl, r.body.coverUrl);
  assert.equal(await api.deps.models.AuditLog.countDocuments({ actor: owner.id, action: 'event.cover', targetId: event.id }), 1);
});

test('replacing the cover serves the new picture under a new address and drops the old one; removing clears it', async () => {
  const event = await publishedEvent(api, owner.token, { title: '换封面路演' });
  const first = await upload(event.id, owner.token, await picture(1200, 900, 'jpeg'));
  const second = await upload(event.id, owner.token, await picture(800, 1200, 'webp'), 'tall.webp', 'image/webp');
  assert.equal(second.status, 200, JSON.stringify(second.body));
  assert.notEqual(second.body.coverUrl, first.body.coverUrl);
  assert.equal((await fetchImage(first.body.coverUrl)).res.status, 404);
  const tall = await sharp((await fetchImage(second.body.coverUrl)).data).metadata();
  assert.deepEqual([tall.width, tall.height], [750, 422], 'a portrait photo is cropped to the same box');

  const removed = await call(api.url, 'DELETE', `/api/v1/events/${event.id}/cover`, { token: owner.token });
  assert.equal(removed.status, 200, removed.text);
  assert.equal(removed.body.coverUrl, null);
  assert.equal((await fetchImage(second.body.coverUrl)).res.status, 404);
});

test('a file that is not a picture is refused by its bytes, whatever it is called, with a 400 naming the field', async () => {
  const event = await publishedEvent(api, owner.token, { title: '错误类型路演' });
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1');
  const r = await upload(event.id, owner.token, pdf, 'cover.jpg', 'image/jpeg');
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.equal(r.body.error.details.fields[0].field, 'file');
  assert.match(r.body.error.message, /封面图片/);
  assert.match(r.body.error.message, /JPG、PNG 或 WebP/);

  // A GIF is a real picture, but not one of the three types.
  const gif = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
  assert.equal((await upload(event.id, owner.token, gif, 'a.gif', 'image/gif')).status, 400);

  // JPEG magic bytes followed by garbage: sniffed as JPEG, refused when it cannot be decoded.
  const broken = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);
  const b = await upload(event.id, owner.token, broken);
  assert.equal(b.status, 400, JSON.stringify(b.body));
  assert.match(b.body.error.message, /无法读取/);

  // Not multipart at all, and multipart without the file.
  const json = await call(api.url, 'POST', `/api/v1/events/${event.id}/cover`, { token: owner.token, body: { file: 'x' } });
  assert.equal(json.status, 400, json.text);
  assert.equal(json.body.error.details.fields[0].field, 'file');
  const form = new FormData();
  form.append('title', '没有文件');
  const empty = await fetch(`${api.url}/api/v1/events/${event.id}/cover`, {
    method: 'POST',
    headers: { authorization: `Bearer ${owner.token}` },
    body: form,
  });
  assert.equal(empty.status, 400);
  assert.match(((await empty.json()) as any).error.message, /请选择要上传的图片/);

  const after = await call(api.url, 'GET', `/api/v1/events/${event.id}`);
  assert.equal(after.body.coverUrl, null);
  assert.equal(await api.deps.models.Image.countDocuments({ event: event.id }), 0, 'a refused upload stored nothing');
});

test('an upload over the limit is cut off and refused with 400', async () => {
  const event = await publishedEvent(api, owner.token, { title: '超大图片路演' });
  const huge = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(9 * 1024 * 1024, 1)]);
  const r = await upload(event.id, owner.token, huge);
  assert.equal(r.status, 400, JSON.stringify(r.body));
  assert.match(r.body.error.message, /不能超过 8 MB/);
});

test('another organizer gets 403 and the cover stays; a plain user and anonymous are refused too', async () => {
  const event = await publishedEvent(api, owner.token, { title: '他人封面路演' });
  const mine = await upload(event.id, owner.token, await picture(1600, 900, 'jpeg'));
  assert.equal(mine.status, 200);
  const theirs = await upload(event.id, other.token, await picture(1600, 900, 'jpeg'));
  assert.equal(theirs.status, 403, JSON.stringify(theirs.body));
  assert.equal(theirs.body.error.code, 'forbidden');
  const removal = await call(api.url, 'DELETE', `/api/v1/events/${event.id}/cover`, { token: other.token });
  assert.equal(removal.status, 403);
  const user = await makeUser(api, [], '普通用户');
  assert.equal((await upload(event.id, user.token, await picture(100, 100, 'png'))).status, 403);
  assert.equal((await upload(event.id, undefined, await picture(100, 100, 'png'))).status, 401);

  const after = await call(api.url, 'GET', `/api/v1/events/${event.id}`);
  assert.equal(after.body.coverUrl, mine.body.coverUrl);
  assert.equal(await api.deps.models.Image.countDocuments({ event: event.id }), 1);
});

test('the event form cannot set coverUrl to an address of its own choosing', async () => {
  const event = await publishedEvent(api, owner.token, { title: '伪造封面路演' });
  const r = await call(api.url, 'PATCH', `/api/v1/events/${event.id}`, {
    token: owner.token,
    body: { coverUrl: 'https://evil.example/x.jpg' },
  });
  assert.equal(r.status, 400, r.text);
});
