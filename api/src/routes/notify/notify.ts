import {
  ConsentInput,
  EventNotificationSummary,
  IdParams,
  NOTIFY_KIND_LABELS,
  NotifySettings,
  NotifyStatus,
  type NotifyKind,
} from '@techbridge/shared';
import type { Context } from 'koa';
import { devLoginAllowed } from '../../env.js';
import { forbidden, notFound, validationFailed } from '../../errors.js';
import { creditsOf, grantCredits } from '../../notify/consent.js';
import { defineRoute, type AnyRoute } from '../define.js';

/** The templates this api sends through, with the caller's credits on each. */
async function templatesFor(ctx: Context) {
  const { env, models } = ctx.deps;
  if (!env.SUBSCRIBE_MESSAGES) return [];
  const credits = await creditsOf(models, ctx.state.user!.id);
  return env.templates.map((t) => ({
    kind: t.kind,
    templateId: t.templateId,
    ...NOTIFY_KIND_LABELS[t.kind],
    credits: credits.get(t.kind) ?? 0,
  }));
}

export function notifyRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/me/notify',
      access: 'user',
      summary: "Subscribe-message templates the mini-program asks consent for, with the caller's credits",
      tags: ['notify'],
      response: NotifySettings,
      handler: async (ctx) => ({
        enabled: ctx.deps.env.SUBSCRIBE_MESSAGES,
        browserConsent: devLoginAllowed(ctx.deps.env),
        templates: await templatesFor(ctx),
      }),
    }),
    defineRoute({
      method: 'post',
      path: '/me/notify/consent',
      access: 'user',
      summary: 'Record accepted requestSubscribeMessage templates: one message credit each',
      tags: ['notify'],
      body: ConsentInput,
      response: NotifySettings,
      handler: async (ctx, { body }) => {
        const { env, models } = ctx.deps;
        // H5 has no requestSubscribeMessage: nobody asked WeChat, so a browser's word counts only in development.
        if (body.source === 'h5' && !devLoginAllowed(env)) throw forbidden('浏览器中无法订阅微信消息，请在微信小程序中订阅');
        const known = new Map((env.SUBSCRIBE_MESSAGES ? env.templates : []).map((t) => [t.templateId, t.kind]));
        const issues = body.templateIds.flatMap((id, i) =>
          known.has(id) ? [] : [{ field: `templateIds.${i}`, message: '不是本小程序的订阅消息模板' }],
        );
        if (issues.length > 0) throw validationFailed(issues);
        await grantCredits(models, ctx.state.user!.id, [...new Set(body.templateIds.map((id) => known.get(id)!))]);
        return { enabled: env.SUBSCRIBE_MESSAGES, browserConsent: devLoginAllowed(env), templates: await templatesFor(ctx) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/events/:id/notifications',
      access: 'organizer',
      owns: { resource: 'event', action: 'manageRegistrations' },
      summary: 'How many people were told about an event, by message kind and outcome',
      tags: ['notify'],
      params: IdParams,
      response: EventNotificationSummary,
      handler: async (ctx, { params }) => {
        const { models } = ctx.deps;
        if (!(await models.Event.exists({ _id: params.id }))) throw notFound('活动');
        const rows = await models.Notification.find({ event: params.id }, { kind: 1, status: 1, user: 1 }).lean();
        const byKind = new Map<string, Record<string, number>>();
        const told = new Set<string>();
        for (const r of rows) {
          const counts = byKind.get(r.kind) ?? Object.fromEntries(NotifyStatus.options.map((s) => [s, 0]));
          counts[r.status] = (counts[r.status] ?? 0) + 1;
          byKind.set(r.kind, counts);
          if (r.status === 'sent') told.add(String(r.user));
        }
        return {
          told: told.size,
          kinds: [...byKind].map(([kind, counts]) => ({
            kind: kind as NotifyKind,
            label: NOTIFY_KIND_LABELS[kind as NotifyKind]?.title ?? kind,
            counts,
          })),
        };
      },
    }),
  ];
}
