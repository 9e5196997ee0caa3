import { describe, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { availability } from '../../shared/src/index.js';

const now = new Date('2026-12-01T02:00:00Z');
const event = { capacity: 10, waitlistEnabled: true, opensAt: '2026-11-01T00:00:00Z', closesAt: '2026-12-03T06:00:00Z' };
const counts = (confirmed: number, offered = 0, waitlisted = 0) => ({ confirmed, offered, waitlisted });

describe('availability', () => {
  test('open with the seats left in the label', () => {
    assert.deepEqual(availability(event, counts(3, 2), now), { state: 'open', seatsLeft: 5, label: '报名中（剩余 5 席）' });
    assert.deepEqual(availability(event, counts(9), now), { state: 'open', seatsLeft: 1, label: '报名中（剩余 1 席）' });
  });

  test('seats held by pending offers count as taken', () => {
    assert.deepEqual(availability(event, counts(7, 3), now), { state: 'waitlist', seatsLeft: 0, label: '候补中' });
    const noWaitlist = { ...event, waitlistEnabled: false };
    assert.deepEqual(availability(noWaitlist, counts(7, 3), now), { state: 'full', seatsLeft: 0, label: '已满' });
  });

  test('people already waiting come before newcomers', () => {
    assert.equal(availability(event, counts(9, 0, 1), now).state, 'waitlist');
    assert.equal(availability(event, counts(8, 0, 1), now).seatsLeft, 1);
  });

  test('not open before opensAt, open exactly at opensAt', () => {
    const before = availability(event, counts(0), new Date('2026-10-31T23:59:59Z'));
    assert.equal(before.state, 'not_open');
    assert.equal(before.label, '未开始报名');
    assert.equal(availability(event, counts(0), new Date('2026-11-01T00:00:00Z')).state, 'open');
    assert.equal(availability({ ...event, opensAt: new Date('2026-12-02T00:00:00Z') }, counts(0), now).state, 'not_open');
  });

  test('closed from closesAt on, and when the event is cancelled or closed', () => {
    const at = availability(event, counts(0), new Date('2026-12-03T06:00:00Z'));
    assert.deepEqual(at, { state: 'closed', seatsLeft: 0, label: '报名已截止' });
    assert.equal(availability(event, counts(0), new Date('2026-12-03T05:59:59Z')).state, 'open');
    assert.equal(availability({ ...event, status: 'cancelled' }, counts(0), now).state, 'closed');
    assert.equal(availability({ ...event, status: 'published' }, counts(0), now).state, 'open');
  });

  test('no window means always open while seats last; a draft is not open', () => {
    const bare = { capacity: 2, waitlistEnabled: false, opensAt: null, closesAt: null };
    assert.equal(availability(bare, counts(1), now).state, 'open');
    assert.equal(availability(bare, counts(2), now).state, 'full');
    assert.equal(availability({ ...bare, status: 'draft' }, counts(0), now).state, 'not_open');
  });
});
