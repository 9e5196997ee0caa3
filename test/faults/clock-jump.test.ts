/**
 * Fault drill: the clock jumps forward (NTP correction, a VM resumed, a host asleep) past scheduled
 * occurrences. What users rely on: the occurrence fires once, late but within the grace window, and a
 * jump over several days does not replay every skipped day into the groups.
 */
import { test } from '@jest/globals';
import { testContext } from '../support/context.js';
import assert from 'node:assert/strict';
import {
  DAY,
  MINUTE,
  createBroadcast,
  deliveriesOf,
  nextShanghai,
  occurrencesOf,
  tickAll,
  world,
} from '../api/broadcasts/helpers.js';

test('cron: the clock jumping from Sunday past Monday 09:00 fires that occurrence once', async () => {
  const t = testContext();
  const monday = nextShanghai(new Date(Date.now() + MINUTE), '09:00', 1);
  const w = await world('sched-jump', { at: new Date(monday.getTime() - DAY), instances: 2 });
  t.after(() => w.stopAll());
  const [a, b] = w.apis as [typeof w.a, typeof w.a];
  const created = await createBroadcast(a, w.organizer.token, {
    title: '周报',
    audience: { kind: 'all' },
    schedule: { kind: 'cron', cron: '每周一 09:00' },
  });
  await tickAll([a, b], w.clock.now());
  assert.equal((await occurrencesOf(a, created.id)).length, 0);

  w.clock.set(new Date(monday.getTime() + 10 * MINUTE)); // no tick happened at 09:00
  await tickAll([a, b], w.clock.now(), 3, 2);
  const occ = await occurrencesOf(a, created.id);
  assert.equal(occ.length, 1);
  assert.equal(occ[0].status, 'planned', '10 minutes late is within the grace window');
  assert.equal(new Date(occ[0].scheduledAt).toISOString(), monday.toISOString());
  assert.equal((await deliveriesOf(a, created.id)).length, w.groups.size);
});

test('daily 09:00: the clock jumping three days ahead fires once (the latest 09:00), not once per skipped day', async () => {
  const t = testContext();
  const first = nextShanghai(new Date(Date.now() + MINUTE), '09:00');
  const w = await world('jump-days', { at: new Date(first.getTime() - 2 * MINUTE), instances: 2 });
  t.after(() => w.stopAll());
  const [a, b] = w.apis as [typeof w.a, typeof w.a];
  const created = await createBroadcast(a, w.organizer.token, {
    title: '每日速递',
    audience: { kind: 'all' },
    schedule: { kind: 'cron', cron: '0 9 * * *' },
  });
  await tickAll([a, b], w.clock.now());
  assert.equal((await occurrencesOf(a, created.id)).length, 0);

  // Asleep from 08:58 on day 1 until 09:05 on day 4: days 1, 2 and 3 were never ticked.
  const landing = new Date(first.getTime() + 3 * DAY + 5 * MINUTE);
  w.clock.set(landing);
  await tickAll([a, b], w.clock.now(), 3, 2);
  const occ = await occurrencesOf(a, created.id);
  assert.equal(occ.length, 1, `one occurrence, got ${occ.map((o) => o.scheduledAt).join(', ')}`);
  assert.equal(new Date(occ[0].scheduledAt).toISOString(), new Date(first.getTime() + 3 * DAY).toISOString());
  assert.equal(occ[0].status, 'planned');
  const deliveries = await deliveriesOf(a, created.id);
  assert.equal(deliveries.length, w.groups.size, 'each group gets one message, not four');

  // Time keeps moving normally afterwards: the next day fires as usual, once.
  w.clock.set(new Date(first.getTime() + 4 * DAY + MINUTE));
  await tickAll([a, b], w.clock.now(), 2, 2);
  assert.equal((await occurrencesOf(a, created.id)).length, 2);
});
