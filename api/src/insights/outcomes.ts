import { shanghaiDateParts } from '@techbridge/shared';
import type { Models } from '../models/index.js';

/** Registrations by outcome: every sign-up, the confirmed (or checked-in) ones, the checked-in ones. */
export interface Outcome {
  signedUp: number;
  confirmed: number;
  checkedIn: number;
}

export const emptyOutcome = (): Outcome => ({ signedUp: 0, confirmed: 0, checkedIn: 0 });

/** Adds `n` registrations of `status` to `o`: a checked-in registration was confirmed first. */
export function addStatus(o: Outcome, status: string, n: number): void {
  o.signedUp += n;
  if (status === 'confirmed' || status === 'checked_in') o.confirmed += n;
  if (status === 'checked_in') o.checkedIn += n;
}

/** One row of the registrations pipeline: how many of them share a source, a status and a sign-up day. */
export interface RegistrationRow {
  source: string | null;
  status: string;
  /** Shanghai calendar day of the sign-up, `2026-12-03`. */
  day: string;
  n: number;
}

/**
 * The Shanghai day of a date field, in a pipeline. A fixed +08:00 rather than the zone name: Shanghai has
 * no daylight saving, so the days are the same, and the embedded test server formats it faster.
 */
export const shanghaiDayOf = (field: string) => ({ $dateToString: { format: '%Y-%m-%d', date: field, timezone: '+08:00' } });

/**
 * Registrations matching `match` (which must start on an indexed field: `event`, or `source`), counted
 * per status, Shanghai day and source by one aggregation: a few hundred rows for thousands of sign-ups.
 * The group key is one string, `status|day|source`, not a sub-document: the embedded server groups
 * on strings several times faster, and neither status nor day contains a `|`.
 */
export async function registrationRows(models: Models, match: Record<string, unknown>): Promise<RegistrationRow[]> {
  const rows = await models.Registration.aggregate<{ _id: string; n: number }>([
    { $match: match },
    {
      $group: {
        _id: { $concat: ['$status', '|', shanghaiDayOf('$createdAt'), '|', { $ifNull: ['$source', ''] }] },
        n: { $sum: 1 },
      },
    },
  ]);
  return rows.map((r) => {
    const [status = '', day = '', ...source] = r._id.split('|');
    return { source: source.join('|') || null, status, day, n: r.n };
  });
}

/** `2026-12-03`: the Shanghai calendar day of an instant. */
export function shanghaiDay(d: Date): string {
  const p = shanghaiDateParts(d);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

const DAY_MS = 86_400_000;
/** Shanghai is UTC+8 all year (no daylight saving): a day string maps to one fixed UTC range. */
const dayStart = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

/** Every Shanghai day from `first` to `last` inclusive (both `YYYY-MM-DD`), at most `cap` of them (the latest). */
export function daysBetween(first: string, last: string, cap = 400): string[] {
  const out: string[] = [];
  const end = dayStart(last);
  for (let t = Math.max(dayStart(first), end - (cap - 1) * DAY_MS); t <= end; t += DAY_MS) out.push(shanghaiDay(new Date(t)));
  return out;
}

/** Midnight in Shanghai `days - 1` days before `now`'s Shanghai day: the start of a `days`-day window. */
export function windowStart(now: Date, days: number): Date {
  return new Date(dayStart(shanghaiDay(now)) - (days - 1) * DAY_MS);
}

/** The code the bot's 报名 link carries in a group's chat (api/src/bot/commands/signup.ts). */
export const chatCode = (groupId: string) => `chat-${groupId}`;

/** The group a `chat-<group id>` code names, or null for other codes. */
export function groupOfChatCode(code: string): string | null {
  return /^chat-([0-9a-f]{24})$/.exec(code)?.[1] ?? null;
}

/** Group names and channels for rows; a group deleted since keeps its id and reads 已删除的群. */
export async function groupLabels(models: Models, ids: string[]) {
  const docs = await models.Group.find({ _id: { $in: ids } }, { topic: 1, channel: 1 }).lean();
  return new Map(
    docs.map((g) => [String(g._id), { topic: g.topic, channel: g.channel === 'wecom' ? 'wecom' : 'wechat' }] as const),
  );
}
