import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { formatShanghai, shanghaiDateParts } from '../../shared/src/index.js';

describe('Asia/Shanghai time', () => {
  test('formats UTC instants in Beijing time', () => {
    assert.equal(formatShanghai(new Date('2026-12-03T06:00:00Z')), '2026年12月3日 14:00');
    assert.equal(formatShanghai('2026-12-03T06:05:00Z'), '2026年12月3日 14:05');
  });

  test('crosses midnight and the year boundary, and shows midnight as 00', () => {
    assert.equal(formatShanghai(new Date('2026-12-31T16:30:00Z')), '2027年1月1日 00:30');
    assert.equal(formatShanghai(Date.UTC(2026, 5, 30, 16, 0)), '2026年7月1日 00:00');
  });

  test('date parts in Shanghai, with weekday', () => {
    assert.deepEqual(shanghaiDateParts('2026-12-03T06:00:07Z'), {
      year: 2026,
      month: 12,
      day: 3,
      hour: 14,
      minute: 0,
      second: 7,
      weekday: 4,
    });
    assert.equal(shanghaiDateParts('2026-12-05T16:00:00Z').weekday, 0, 'Sunday 00:00 in Shanghai');
  });

  test('rejects invalid dates', () => {
    assert.throws(() => formatShanghai('not a date'), RangeError);
  });
});
