import type { Context } from 'koa';
import { BroadcastInsights, EventInsights, GroupInsights, IdParams, OpenInput, OpenResult } from '@techbridge/shared';
import type { ResourceType } from '../../policies/index.js';
import { recordOpen } from '../../insights/recordOpen.js';
import { eventInsights } from '../../insights/eventInsights.js';
import { broadcastInsights } from '../../insights/broadcastInsights.js';
import { groupInsights } from '../../insights/groupInsights.js';
import { broadcastInsightsCsv, eventInsightsCsv, groupInsightsCsv } from '../../insights/csv.js';
import type { Deps } from '../../deps.js';
import { defineRoute, type AnyRoute } from '../define.js';

/** One insights view: its JSON route and the same figures as CSV (`/insights.csv`). */
function insightsRoutes<T>(view: {
  segment: 'events' | 'broadcasts' | 'groups';
  resource: ResourceType;
  label: string;
  tag: string;
  response: typeof EventInsights | typeof BroadcastInsights | typeof GroupInsights;
  compute: (deps: Deps, id: string) => Promise<T>;
  csv: (figures: T) => string;
}): AnyRoute[] {
  const base = {
    access: 'organizer' as const,
    // Counts only, no personal data: no audit entry, like the delivery report.
    owns: { resource: view.resource, action: 'insights' as const },
    tags: [view.tag],
    params: IdParams,
  };
  return [
    defineRoute({
      ...base,
      method: 'get',
      path: `/${view.segment}/:id/insights.csv`,
      summary: `${view.label} as CSV (UTF-8 with BOM for Excel, Shanghai times)`,
      produces: 'text/csv',
      handler: async (ctx: Context, { params }) => {
        const csv = view.csv(await view.compute(ctx.deps, params.id));
        ctx.set('Content-Type', 'text/csv; charset=utf-8');
        ctx.set('Content-Disposition', `attachment; filename="insights-${view.segment}-${params.id}.csv"`);
        ctx.body = '\uFEFF' + csv;
      },
    }),
    defineRoute({
      ...base,
      method: 'get',
      path: `/${view.segment}/:id/insights`,
      summary: view.label,
      response: view.response,
      handler: async (ctx, { params }) => view.compute(ctx.deps, params.id),
    }),
  ];
}

export function insightRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/opens',
      access: 'public',
      rateLimit: 'open',
      summary: 'Record that a pushed link (?t=) was opened: once per code and visitor (user id, or a random visitor id)',
      tags: ['insights'],
      body: OpenInput,
      response: OpenResult,
      handler: async (ctx, { body }) => ({ recorded: await recordOpen(ctx.deps, body, ctx.state.user?.id) }),
    }),
    ...insightsRoutes({
      segment: 'events',
      resource: 'event',
      label: "Funnel of the event's pushes (pushed, opened, signed up, confirmed, checked in) per group and channel",
      tag: 'insights',
      response: EventInsights,
      compute: eventInsights,
      csv: eventInsightsCsv,
    }),
    ...insightsRoutes({
      segment: 'broadcasts',
      resource: 'broadcast',
      label: 'What a broadcast achieved: delivered, failed, opened, sign-ups, per group and channel',
      tag: 'insights',
      response: BroadcastInsights,
      compute: broadcastInsights,
      csv: broadcastInsightsCsv,
    }),
    ...insightsRoutes({
      segment: 'groups',
      resource: 'group',
      label: 'What a group received in the last 90 days and how it responded',
      tag: 'insights',
      response: GroupInsights,
      compute: groupInsights,
      csv: groupInsightsCsv,
    }),
  ];
}
