import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import {
  describeCron,
  nextFireTimes,
  parseSchedulePhrase,
  recurrenceCron,
  recurrenceFromCron,
  recurrencePhrase,
  recurrenceProblem,
  type Recurrence,
} from '../../shared/src/index.js';

// What the broadcast form's 周期发送 choices build: each kind, its cron, the phrase shown, and the way back.
const CASES: { r: Recurrence; cron: string; phrase: string }[] = [
  { r: { every: 'day', time: '09:00' }, cron: '0 9 * * *', phrase: '每天 09:00' },
  { r: { every: 'week', days: [1], time: '09:00' }, cron: '0 9 * * 1', phrase: '每周一 09:00' },
  { r: { every: 'week', days: [3, 1], time: '18:30' }, cron: '30 18 * * 1,3', phrase: '每周一、三 18:30' },
  { r: { every: 'week', days: [0, 6], time: '10:05' }, cron: '5 10 * * 0,6', phrase: '每周六、日 10:05' },
  { r: { every: 'week', days: [5, 4, 3, 2, 1], time: '08:00' }, cron: '0 8 * * 1-5', phrase: '工作日 08:00' },
  { r: { every: 'month', day: 1, time: '10:00' }, cron: '0 10 1 * *', phrase: '每月1日 10:00' },
  { r: { every: 'month', day: 31, time: '23:59' }, cron: '59 23 31 * *', phrase: '每月31日 23:59' },
];

describe('recurrence', () => {
  test('each kind becomes its cron and reads as its phrase, never as the cron', () => {
    for (const { r, cron, phrase } of CASES) {
      assert.equal(recurrenceCron(r), cron, phrase);
      assert.equal(recurrencePhrase(r), phrase, cron);
      assert.doesNotMatch(recurrencePhrase(r), /\*/, 'no cron syntax in the phrase');
    }
  });

  test('the phrase means what the api makes of it, and the api reads the cron back as the same phrase', () => {
    for (const { r, cron, phrase } of CASES) {
      assert.deepEqual(parseSchedulePhrase(phrase), { cron }, phrase);
      assert.equal(describeCron(recurrenceCron(r)), phrase);
    }
  });

  test('every week day ticked is every day', () => {
    const r: Recurrence = { every: 'week', days: [0, 1, 2, 3, 4, 5, 6], time: '07:30' };
    assert.equal(recurrenceCron(r), '30 7 * * *');
    assert.equal(recurrencePhrase(r), '每天 07:30');
  });

  test('a cron of one of these shapes comes back as the choices that made it', () => {
    for (const { r, cron } of CASES) {
      const back = recurrenceFromCron(cron);
      assert.ok(back, cron);
      assert.equal(recurrenceCron(back), cron);
      assert.equal(back.every, r.every);
    }
    assert.deepEqual(recurrenceFromCron('0 9 * * 1-5'), { every: 'week', days: [1, 2, 3, 4, 5], time: '09:00' });
    assert.deepEqual(recurrenceFromCron('0 9 * * 7'), { every: 'week', days: [0], time: '09:00' });
    for (const other of ['*/15 9-17 * * 1-5', '0 9 1 6 *', '0 9 1 * 1', '0 25 * * *', '60 9 * * *', 'junk'])
      assert.equal(recurrenceFromCron(other), null, other);
  });

  test('incomplete choices are named in Chinese, not turned into a cron', () => {
    assert.equal(recurrenceProblem({ every: 'week', days: [], time: '09:00' }), '请至少选择一个星期几');
    assert.equal(recurrenceProblem({ every: 'day', time: '' }), '请选择发送时刻');
    assert.equal(recurrenceProblem({ every: 'day', time: '24:00' }), '请选择发送时刻');
    assert.equal(recurrenceProblem({ every: 'month', day: 0, time: '09:00' }), '每月的日期应在 1 到 31 之间');
    assert.equal(recurrenceProblem({ every: 'month', day: 15, time: '09:00' }), null);
    assert.throws(() => recurrenceCron({ every: 'week', days: [], time: '09:00' }), /请至少选择一个星期几/);
  });

  test('每周一 09:00 built from choices fires on Mondays at 09:00 Shanghai (01:00Z)', () => {
    const cron = recurrenceCron({ every: 'week', days: [1], time: '09:00' });
    const fires = nextFireTimes(cron, new Date('2026-12-03T00:00:00Z'), 2).map((d) => d.toISOString());
    assert.deepEqual(fires, ['2026-12-07T01:00:00.000Z', '2026-12-14T01:00:00.000Z']);
  });
});
