import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import {
  deliveryNotBefore,
  describeCron,
  inQuietHours,
  nextFireTimes,
  parseSchedulePhrase,
  previousFireTime,
  quietHoursEnd,
  shanghaiDateParts,
  type DeliveryTiming,
} from '../../shared/src/index.js';

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
/** An instant given as Shanghai wall-clock time. */
const sh = (local: string) => new Date(`${local}+08:00`);
const NIGHT = { start: '22:00', end: '08:00' };

describe('parseSchedulePhrase', () => {
  test('the Chinese phrases become standard 5-field crons', () => {
    const cases: [string, string][] = [
      ['每天 09:00', '0 9 * * *'],
      ['每日 7:05', '5 7 * * *'],
      ['每天09:00', '0 9 * * *'],
      ['每周一 09:00', '0 9 * * 1'],
      ['每周一、三 18:30', '30 18 * * 1,3'],
      ['每周五，一 18:30', '30 18 * * 1,5'],
      ['每周日 20:00', '0 20 * * 0'],
      ['每周天 20:00', '0 20 * * 0'],
      ['每周六、日 10:00', '0 10 * * 0,6'],
      ['工作日 09:00', '0 9 * * 1-5'],
      ['每月1日 10:00', '0 10 1 * *'],
      ['每月15号 10:00', '0 10 15 * *'],
      ['每月31日 23:59', '59 23 31 * *'],
      ['\u3000每周二\u300008：15 ', '15 8 * * 2'],
    ];
    for (const [phrase, cron] of cases) assert.deepEqual(parseSchedulePhrase(phrase), { cron }, phrase);
  });

  test('a raw 5-field cron is validated and kept (whitespace normalized)', () => {
    assert.deepEqual(parseSchedulePhrase('*/15 9-17 * * 1-5'), { cron: '*/15 9-17 * * 1-5' });
    assert.deepEqual(parseSchedulePhrase(' 0  9 * * 1 '), { cron: '0 9 * * 1' });
  });

  test('bad phrases and crons come back as Chinese errors', () => {
    const bad = [
      '',
      '每天',
      '每天 25:00',
      '每天 9:60',
      '每周 09:00',
      '每周八 09:00',
      '每月0日 10:00',
      '每月32日 10:00',
      '明天上午',
      '0 9 * *', // 4 fields (cron-parser would pad it)
      '0 0 9 * * 1', // 6 fields (seconds)
      '61 9 * * *',
      '0 9 * * 8',
      '0 9 30 2 *', // never fires
      '0 9 31 2,4 *', // never fires either
    ];
    for (const phrase of bad) {
      const out = parseSchedulePhrase(phrase);
      assert.ok('error' in out, `${phrase} → ${JSON.stringify(out)}`);
      assert.match(out.error, /[\u4e00-\u9fff]/, 'the message is Chinese');
    }
  });
});

describe('fire times in Asia/Shanghai', () => {
  const WEDNESDAY_11H = sh('2026-03-04T11:00:00');

  test('每周一 09:00 fires on Mondays at 09:00 Shanghai, i.e. 01:00Z', () => {
    const parsed = parseSchedulePhrase('每周一 09:00');
    assert.deepEqual(parsed, { cron: '0 9 * * 1' });
    const times = nextFireTimes('0 9 * * 1', WEDNESDAY_11H, 3);
    assert.deepEqual(iso(times), ['2026-03-09T01:00:00.000Z', '2026-03-16T01:00:00.000Z', '2026-03-23T01:00:00.000Z']);
    for (const t of times) {
      const p = shanghaiDateParts(t);
      assert.deepEqual([p.weekday, p.hour, p.minute], [1, 9, 0]);
    }
  });

  test('strictly after from: a fire time equal to from is skipped', () => {
    assert.deepEqual(iso(nextFireTimes('0 9 * * 1', new Date('2026-03-09T01:00:00Z'), 1)), ['2026-03-16T01:00:00.000Z']);
    assert.deepEqual(iso(nextFireTimes('0 9 * * 1', new Date('2026-03-09T00:59:59.999Z'), 1)), ['2026-03-09T01:00:00.000Z']);
    assert.deepEqual(nextFireTimes('0 9 * * 1', WEDNESDAY_11H, 0), []);
  });

  test('a daily 00:30 belongs to the Shanghai day, not the UTC one', () => {
    assert.deepEqual(iso(nextFireTimes('30 0 * * *', sh('2026-03-04T23:00:00'), 2)), [
      '2026-03-04T16:30:00.000Z',
      '2026-03-05T16:30:00.000Z',
    ]);
  });

  test('每月31日 skips the months that have no 31st', () => {
    const { cron } = parseSchedulePhrase('每月31日 10:00') as { cron: string };
    const times = nextFireTimes(cron, sh('2026-01-31T10:00:00'), 6);
    assert.deepEqual(
      times.map((t) => `${shanghaiDateParts(t).month}/${shanghaiDateParts(t).day} ${shanghaiDateParts(t).hour}`),
      ['3/31 10', '5/31 10', '7/31 10', '8/31 10', '10/31 10', '12/31 10'],
    );
  });

  test('previousFireTime is the latest fire time at or before the instant', () => {
    assert.equal(previousFireTime('0 9 * * 1', WEDNESDAY_11H)?.toISOString(), '2026-03-02T01:00:00.000Z');
    assert.equal(previousFireTime('0 9 * * 1', new Date('2026-03-09T01:00:00Z'))?.toISOString(), '2026-03-09T01:00:00.000Z');
    assert.equal(previousFireTime('0 9 * * 1', new Date('2026-03-09T01:00:00.999Z'))?.toISOString(), '2026-03-09T01:00:00.000Z');
    assert.equal(previousFireTime('0 9 * * 1', new Date('2026-03-09T00:59:59.999Z'))?.toISOString(), '2026-03-02T01:00:00.000Z');
  });

  test('invalid crons and dates throw', () => {
    assert.throws(() => nextFireTimes('61 * * * *', WEDNESDAY_11H, 1));
    assert.throws(() => nextFireTimes('0 9 * * 1', new Date('nope'), 1), RangeError);
  });
});

describe('describeCron', () => {
  test('reads back the shapes parseSchedulePhrase makes', () => {
    for (const phrase of [
      '每天 09:00',
      '每周一 09:00',
      '每周一、三 18:30',
      '每周六、日 10:00',
      '工作日 09:00',
      '每月1日 10:00',
      '每月31日 23:59',
    ]) {
      const { cron } = parseSchedulePhrase(phrase) as { cron: string };
      assert.equal(describeCron(cron), phrase, cron);
    }
    assert.equal(describeCron('0 9 * * 1,2,3,4,5'), '工作日 09:00');
    assert.equal(describeCron('0 9 * * 7'), '每周日 09:00');
  });

  test('falls back to the cron itself', () => {
    for (const cron of ['*/15 9-17 * * 1-5', '0 9 1 6 *', '0 9 1 * 1', '0 25 * * *']) assert.equal(describeCron(cron), cron);
  });
});

describe('quiet hours (Shanghai time, start inclusive, end exclusive)', () => {
  test('a range across midnight', () => {
    assert.equal(inQuietHours(sh('2026-03-04T21:59:59'), NIGHT), false);
    assert.equal(inQuietHours(sh('2026-03-04T22:00:00'), NIGHT), true);
    assert.equal(inQuietHours(sh('2026-03-05T00:00:00'), NIGHT), true);
    assert.equal(inQuietHours(sh('2026-03-05T07:59:59'), NIGHT), true);
    assert.equal(inQuietHours(sh('2026-03-05T08:00:00'), NIGHT), false);
    assert.equal(inQuietHours(sh('2026-03-05T12:00:00'), NIGHT), false);
  });

  test('a range within one day, no range, and an empty range', () => {
    const noon = { start: '12:00', end: '14:00' };
    assert.equal(inQuietHours(sh('2026-03-04T11:59:00'), noon), false);
    assert.equal(inQuietHours(sh('2026-03-04T12:00:00'), noon), true);
    assert.equal(inQuietHours(sh('2026-03-04T13:59:00'), noon), true);
    assert.equal(inQuietHours(sh('2026-03-04T14:00:00'), noon), false);
    assert.equal(inQuietHours(sh('2026-03-04T23:00:00'), noon), false);
    assert.equal(inQuietHours(sh('2026-03-04T23:00:00'), null), false);
    assert.equal(inQuietHours(sh('2026-03-04T23:00:00'), { start: '22:00', end: '22:00' }), false);
  });

  test('quietHoursEnd is the end of the range that holds the instant', () => {
    assert.equal(quietHoursEnd(sh('2026-03-04T23:00:00'), NIGHT).toISOString(), sh('2026-03-05T08:00:00').toISOString());
    assert.equal(quietHoursEnd(sh('2026-03-05T03:00:00'), NIGHT).toISOString(), sh('2026-03-05T08:00:00').toISOString());
    assert.equal(quietHoursEnd(sh('2026-03-04T22:00:00'), NIGHT).toISOString(), sh('2026-03-05T08:00:00').toISOString());
    const noon = { start: '12:00', end: '14:00' };
    assert.equal(quietHoursEnd(sh('2026-03-04T13:00:00'), noon).toISOString(), sh('2026-03-04T14:00:00').toISOString());
    const outside = sh('2026-03-04T15:00:00');
    assert.equal(quietHoursEnd(outside, NIGHT).toISOString(), outside.toISOString());
  });

  test('malformed clock strings throw instead of silently meaning something', () => {
    assert.throws(() => inQuietHours(sh('2026-03-04T23:00:00'), { start: '25:00', end: '08:00' }), RangeError);
  });
});

describe('deliveryNotBefore', () => {
  const instant = (quietHours: DeliveryTiming['quietHours'] = null): DeliveryTiming => ({
    mode: 'instant',
    digestAt: '09:00',
    quietHours,
  });
  const digest = (digestAt: string, quietHours: DeliveryTiming['quietHours'] = null): DeliveryTiming => ({
    mode: 'digest',
    digestAt,
    quietHours,
  });
  const at = (now: Date, settings: DeliveryTiming) => deliveryNotBefore(now, settings).toISOString();

  test('instant: now, or the end of quiet hours when inside them', () => {
    const now = sh('2026-03-04T15:27:13');
    assert.equal(at(now, instant()), now.toISOString());
    assert.equal(at(now, instant(NIGHT)), now.toISOString());
    assert.equal(at(sh('2026-03-04T23:30:00'), instant(NIGHT)), sh('2026-03-05T08:00:00').toISOString());
    assert.equal(at(sh('2026-03-05T07:59:59'), instant(NIGHT)), sh('2026-03-05T08:00:00').toISOString());
  });

  test('digest: the next digest time at or after now', () => {
    assert.equal(at(sh('2026-03-04T08:00:00'), digest('09:00')), sh('2026-03-04T09:00:00').toISOString());
    assert.equal(
      at(sh('2026-03-04T09:00:00'), digest('09:00')),
      sh('2026-03-04T09:00:00').toISOString(),
      'exactly at digest time',
    );
    assert.equal(at(sh('2026-03-04T09:00:01'), digest('09:00')), sh('2026-03-05T09:00:00').toISOString());
    assert.equal(
      at(sh('2026-03-04T23:59:00'), digest('00:30')),
      sh('2026-03-05T00:30:00').toISOString(),
      'across the Shanghai midnight',
    );
    assert.equal(at(sh('2026-03-31T20:00:00'), digest('09:00')), sh('2026-04-01T09:00:00').toISOString(), 'across a month end');
  });

  test('digest time inside quiet hours moves to their end', () => {
    assert.equal(at(sh('2026-03-04T20:00:00'), digest('07:00', NIGHT)), sh('2026-03-05T08:00:00').toISOString());
    assert.equal(at(sh('2026-03-04T10:00:00'), digest('23:00', NIGHT)), sh('2026-03-05T08:00:00').toISOString());
    assert.equal(
      at(sh('2026-03-05T07:00:00'), digest('07:00', NIGHT)),
      sh('2026-03-05T08:00:00').toISOString(),
      'now exactly at digest time, in quiet hours',
    );
    assert.equal(
      at(sh('2026-03-04T10:00:00'), digest('21:00', NIGHT)),
      sh('2026-03-04T21:00:00').toISOString(),
      'just before quiet hours',
    );
  });

  test('never earlier than now, never inside quiet hours, always a date (seeded sweep)', () => {
    let seed = 42;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const clock = () => `${String(rand(24)).padStart(2, '0')}:${String(rand(60)).padStart(2, '0')}`;
    for (let i = 0; i < 2000; i += 1) {
      const now = new Date(Date.UTC(2026, 0, 1) + rand(365 * 24 * 60) * 60_000 + rand(60_000));
      const [start, end] = [clock(), clock()];
      const quiet = rand(4) === 0 ? null : { start, end };
      const settings: DeliveryTiming = { mode: rand(2) === 0 ? 'instant' : 'digest', digestAt: clock(), quietHours: quiet };
      const when = deliveryNotBefore(now, settings);
      const label = JSON.stringify({ now, settings, when });
      assert.ok(when.getTime() >= now.getTime(), label);
      assert.equal(inQuietHours(when, quiet), false, label);
      assert.ok(when.getTime() - now.getTime() <= 2 * 24 * 3600_000, label);
    }
  });
});
