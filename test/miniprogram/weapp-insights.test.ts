/**
 * 活动数据 in the real weapp build (miniprogram-simulate) against a real api: the tables show what the api returns,
 * and ECharts, bundled into the organizer subpackage, paints on what a weapp `<Canvas type="2d">` query hands
 * over. The simulator has no canvas, so the query is answered with a canvas object that records what is drawn on
 * its 2d context (WeChat's canvas has the same width/height/getContext shape); the text ECharts measures goes
 * through `wx.createOffscreenCanvas`, as on a phone.
 */
import { afterAll, beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { call, makeUser, publishedEvent, signUp } from '../support/api.js';
import { loadWeapp } from '../support/weapp.js';
import { bot, claim, login, world, type World } from '../api/broadcasts/helpers.js';

let w: World;
let eventId: string;

/** A 2d context that accepts every call and property, and keeps the calls. */
function recordingContext(calls: { name: string; args: unknown[] }[]) {
  const state: Record<string | symbol, unknown> = { font: '12px sans-serif' };
  return new Proxy(state, {
    get(target, key) {
      if (key in target) return target[key];
      if (key === 'measureText')
        return (text: string) => ({
          width: String(text).length * (parseFloat(String(target.font).match(/(\d+(\.\d+)?)px/)?.[1] ?? '12') * 0.9),
        });
      if (key === 'createLinearGradient' || key === 'createRadialGradient' || key === 'createPattern')
        return () => ({ addColorStop() {} });
      if (key === 'getLineDash') return () => [];
      if (typeof key === 'string') return (...args: unknown[]) => void calls.push({ name: key, args });
      return undefined;
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  });
}

function recordingCanvas(calls: { name: string; args: unknown[] }[]) {
  const ctx = recordingContext(calls);
  return { width: 300, height: 150, getContext: () => ctx };
}

beforeAll(async () => {
  w = await world('weappinsights');
  eventId = (await publishedEvent(w.a, w.organizer.token, { registration: { capacity: 5 } })).id;
  const deliveries: any[] = await w.a.deps.models.Delivery.find({}).lean();
  await login(w.a);
  for (const u of (await claim(w.a)).units) {
    const res = await bot(w.a, 'deliveries/result', { account: 'demo', deliveryIds: u.deliveryIds, ok: true });
    assert.equal(res.status, 200, res.text);
  }
  const code = deliveries.find((d) => d.channel === 'wechat').trackingCode as string;
  for (let i = 0; i < 2; i++) {
    const user = await makeUser(w.a);
    await call(w.a.url, 'POST', '/api/v1/opens', { token: user.token, body: { t: code, page: { kind: 'event', id: eventId } } });
    assert.equal((await signUp(w.a, eventId, user.token, { source: code })).status, 201);
  }
});
afterAll(async () => {
  await w?.stopAll();
});

test('weapp 活动数据: the funnel table equals the api, and ECharts draws the chart on the weapp canvas', async () => {
  const x = (await call(w.a.url, 'GET', `/api/v1/events/${eventId}/insights`, { token: w.organizer.token })).body;
  assert.equal(x.totals.signedUp, 2);

  const weapp = loadWeapp(w.a.url);
  const me = await (await fetch(`${w.a.url}/api/v1/me`, { headers: { authorization: `Bearer ${w.organizer.token}` } })).json();
  weapp.world.storage.set('techbridge.session', {
    token: w.organizer.token,
    expiresAt: new Date(Date.now() + 7 * 86400_000).toISOString(),
    user: me,
  });

  // What a phone's canvas query returns: the node and its laid-out size.
  const calls: { name: string; args: unknown[] }[] = [];
  const measured: { name: string; args: unknown[] }[] = [];
  const wx = (globalThis as any).wx;
  const queried: string[] = [];
  wx.createSelectorQuery = () => {
    const query: any = {
      in: () => query,
      select: (selector: string) => (queried.push(selector), node),
      exec: (cb?: (res: unknown[]) => void) =>
        setTimeout(() => cb?.([{ node: recordingCanvas(calls), width: 342, height: 200 }]), 0),
    };
    const node: any = { fields: () => query, boundingClientRect: () => query, node: () => query };
    return query;
  };
  wx.createOffscreenCanvas = () => recordingCanvas(measured);

  const page = await weapp.openPage('organizer/insights/event', { id: eventId });
  await page.waitForText('推送转化漏斗');
  const text = page.text();
  assert.match(text, new RegExp(`推送到群\\s*${x.totals.pushed}\\s*—`));
  assert.match(text, new RegExp(`打开链接\\s*${x.totals.opened}\\s*—`));
  assert.match(text, new RegExp(`报名\\s*${x.totals.signedUp}\\s*100%`));
  assert.match(text, /全部报名 2 人，其中经推送链接 2 人（100%）/);

  // The page holds several charts that paint one after another: wait for the funnel's own labels,
  // not for the first text any chart writes (that raced on a loaded CI machine).
  const written = () => calls.filter((c) => c.name === 'fillText').map((c) => String(c.args[0]));
  for (let i = 0; i < 250 && !(written().includes('推送到群') && written().includes('签到')); i++)
    await new Promise((r) => setTimeout(r, 20));
  assert.ok(
    queried.some((s) => /^#tb-chart-\d+$/.test(s)),
    `the chart asked for its canvas: ${queried.join()}`,
  );
  const drawn = written();
  assert.ok(
    drawn.includes('推送到群') && drawn.includes('签到'),
    `the funnel's steps are written on the canvas: ${drawn.join()}`,
  );
  assert.ok(calls.filter((c) => c.name === 'fill' || c.name === 'fillRect').length >= 5, 'bars are filled');
  assert.deepEqual(
    [...weapp.world.missing].filter((k) => k !== 'createOffscreenCanvas'),
    [],
    'no wx API the shim lacks',
  );
  page.unload();
});
