import type { Context } from 'koa';
import type { z } from 'zod';
import { describeCron, nextFireTimes, type BotState, type Broadcast } from '@techbridge/shared';
import type { BotStateDoc, BroadcastDoc } from '../models/index.js';

/** A broadcast with its next fire times (up to 3 for cron, the one `at` for once, none once done). */
export function presentBroadcast(b: BroadcastDoc, now: Date): z.input<typeof Broadcast> {
  const s: Partial<NonNullable<BroadcastDoc['schedule']>> = b.schedule ?? {};
  // The model defaults the kind to `now`; a document written without a schedule reads as that.
  const kind = s.kind ?? 'now';
  // BroadcastSchedule requires `cron` for cron schedules; the schema types it as optional.
  const cron = s.cron as string;
  const next =
    b.status !== 'scheduled'
      ? []
      : kind === 'cron'
        ? nextFireTimes(cron, now, 3).map((d) => d.toISOString())
        : kind === 'once' && s.at != null && s.at > now
          ? [new Date(s.at).toISOString()]
          : [];
  const a = b.audience;
  return {
    id: String(b._id),
    title: b.title,
    text: b.text ?? '',
    kind: b.kind,
    source: b.sourceType ? { type: b.sourceType, id: String(b.sourceId) } : null,
    audience: {
      kind: a?.kind ?? 'all',
      regions: a?.regions ?? [],
      topics: a?.topics ?? [],
      audiences: a?.audiences ?? [],
      keywords: a?.keywords ?? [],
      groupIds: (a?.groupIds ?? []).map(String),
    },
    schedule: {
      kind,
      at: s.at ? new Date(s.at).toISOString() : null,
      cron: s.cron ?? null,
      tz: 'Asia/Shanghai',
      description: kind === 'cron' ? describeCron(cron) : kind === 'once' ? '定时发送' : '立即发送',
    },
    nextFireAt: next,
    status: b.status,
    createdAt: new Date(b.createdAt).toISOString(),
  };
}

/** A bot account's login state; `alive` when it reported within BOT_ALIVE_MS. */
export function presentBotState(ctx: Context, s: BotStateDoc): z.input<typeof BotState> {
  const lastSeenAt = s.lastSeenAt ? new Date(s.lastSeenAt) : new Date(0);
  return {
    account: s._id,
    state: s.state ?? 'logout',
    loggedIn: Boolean(s.loggedIn),
    qrcode: s.qrcode ?? null,
    userName: s.userName ?? null,
    lastSeenAt: lastSeenAt.toISOString(),
    alive: ctx.deps.now().getTime() - lastSeenAt.getTime() < ctx.deps.env.BOT_ALIVE_MS,
  };
}
