/**
 * The event page's pure parts (no Taro): which pieces of a line are dates that must not break, what the bottom
 * bar says and does in each state, and how a ticket masks the holder's name.
 */
import { beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

// Loaded at run time (the mini-program is its own TypeScript project); the part of its interface used here.
type State = 'not_open' | 'open' | 'waitlist' | 'full' | 'closed';
interface BarEvent {
  availability: { state: State; seatsLeft: number; label: string };
  registration: { capacity: number; opensAt?: string | null };
  status: string;
}
interface Bar {
  status: string;
  label: string;
  enabled: boolean;
  target: 'signup' | 'mine' | null;
}
const lib = (file: string) => fileURLToPath(new URL(`../../miniprogram/src/lib/${file}`, import.meta.url));
let splitDates: (text: string) => { text: string; date: boolean }[];
let signupBarState: (event: BarEvent, registration: { status: string } | null) => Bar;
let maskName: (name: string) => string;
beforeAll(async () => {
  ({ splitDates } = await import(lib('browse/dateText.ts')));
  ({ signupBarState } = await import(lib('browse/signupBar.ts')));
  ({ maskName } = await import(lib('maskName.ts')));
});

test('dates are whole pieces, the words between them are not; joined back they are the text', () => {
  const range = '2026年12月8日（周二）14:00 至 2026年12月9日（周三）17:00';
  assert.deepEqual(splitDates(range), [
    { text: '2026年12月8日（周二）14:00', date: true },
    { text: ' 至 ', date: false },
    { text: '2026年12月9日（周三）17:00', date: true },
  ]);
  assert.deepEqual(
    splitDates('2026年12月8日（周二）14:00 - 17:00').map((p) => p.text),
    ['2026年12月8日（周二）14:00', ' - ', '17:00'],
  );
  assert.deepEqual(
    splitDates('报名将于 2026-12-08 14:00 开始').filter((p) => p.date),
    [{ text: '2026-12-08 14:00', date: true }],
  );
  for (const text of ['即日起至 2026年1月5日（周一）09:30', '长期开放', '', '上海技术交易所 · 2026年3月1日']) {
    assert.equal(
      splitDates(text)
        .map((p) => p.text)
        .join(''),
      text,
    );
  }
});

const event = (state: State, extra: Partial<BarEvent> = {}): BarEvent => ({
  availability: { state, seatsLeft: state === 'open' ? 5 : 0, label: state === 'open' ? '报名中（剩余 5 席）' : '名额已满' },
  registration: { capacity: 10 },
  status: 'published',
  ...extra,
});

test('the bar: sign up while open, join the waitlist when full with one, say why not otherwise', () => {
  assert.deepEqual(signupBarState(event('open'), null), {
    status: '报名中（剩余 5 席）',
    label: '立即报名',
    enabled: true,
    target: 'signup',
    tone: 'open',
  });
  assert.equal(signupBarState(event('waitlist'), null).label, '加入候补');
  assert.equal(signupBarState(event('waitlist'), null).target, 'signup');
  for (const [state, label] of [
    ['closed', '已截止'],
    ['full', '名额已满'],
    ['not_open', '尚未开始'],
  ] as const) {
    const bar = signupBarState(event(state), null);
    assert.equal(bar.label, label);
    assert.equal(bar.enabled, false, `${state} must not open the form`);
    assert.equal(bar.target, null);
  }
});

test('the bar: a registered user is led to the ticket; a cancelled event says so either way', () => {
  const mine = signupBarState(event('open'), { status: 'waitlisted' });
  assert.equal(mine.status, '已报名 · 候补中');
  assert.equal(mine.label, '查看票券');
  assert.equal(mine.target, 'mine');
  const off = event('closed', { status: 'cancelled' });
  assert.deepEqual([signupBarState(off, null).label, signupBarState(off, null).enabled], ['活动已取消', false]);
  const offMine = signupBarState(off, { status: 'confirmed' });
  assert.deepEqual([offMine.status, offMine.label, offMine.target], ['活动已取消', '查看我的报名', 'mine']);
});

test('names on a ticket keep their first and last characters', () => {
  assert.equal(maskName('王小明'), '王*明');
  assert.equal(maskName('李四'), '李*');
  assert.equal(maskName('欧阳娜娜'), '欧**娜');
  assert.equal(maskName('张'), '张');
  assert.equal(maskName(' 王小明 '), '王*明');
});
