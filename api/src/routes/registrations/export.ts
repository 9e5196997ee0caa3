import { stringify } from 'csv-stringify/sync';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { IdParams, formatShanghaiSortable, registrationStatusLabel, roleLabel, stripHiddenCharacters } from '@techbridge/shared';
import { notFound } from '../../errors.js';
import { audit } from '../../lib/audit.js';
import { defineRoute, type AnyRoute } from '../define.js';

/**
 * A cell that starts with = + - @ (or tab/CR) would run as a formula in Excel: prefix a quote.
 * (OWASP "CSV injection".) Control and bidi characters are dropped: the api refuses them now, but
 * records stored before that may still hold them.
 */
export function escapeCell(raw: string): string {
  const value = stripHiddenCharacters(raw);
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export function exportRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/events/:id/registrations/export.csv',
      access: 'organizer',
      owns: { resource: 'event', action: 'export' },
      summary: 'Export registrants as CSV (UTF-8 with BOM for Excel)',
      tags: ['registrations'],
      params: IdParams,
      produces: 'text/csv',
      audit: 'registration.export',
      handler: async (ctx, { params }) => {
        const event = await ctx.deps.models.Event.findById(params.id).lean();
        if (!event) throw notFound('活动');
        const regs = await ctx.deps.models.Registration.find({ event: params.id }).sort({ createdAt: 1, _id: 1 }).lean();
        const questions = event.registration?.questions ?? [];
        const header = [
          '票码',
          '状态',
          '身份',
          '姓名',
          '单位',
          '手机号',
          ...questions.map((q) => escapeCell(String(q.label))),
          '报名时间（北京时间）',
          '签到时间（北京时间）',
        ];
        const rows = regs.map((r) => {
          const answers: Record<string, string> = r.answers instanceof Map ? Object.fromEntries(r.answers) : (r.answers ?? {});
          return [
            r.ticketCode,
            registrationStatusLabel(r.status),
            roleLabel(r.role ?? 'attendee'),
            r.contact?.name ?? '',
            r.contact?.org ?? '',
            r.contact?.phone ?? '',
            ...questions.map((q) => answers[q.id] ?? ''),
            formatShanghaiSortable(r.createdAt),
            r.checkedInAt ? formatShanghaiSortable(r.checkedInAt) : '',
          ].map((v) => escapeCell(String(v)));
        });
        await audit(ctx, 'registration.export', 'event', params.id, { rows: rows.length });
        ctx.set('Content-Type', 'text/csv; charset=utf-8');
        ctx.set('Content-Disposition', `attachment; filename="registrations-${params.id}.csv"`);
        ctx.body = '\uFEFF' + stringify([header, ...rows]);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/events/:id/calendar.ics',
      access: 'public',
      summary: 'The event as an iCalendar file',
      tags: ['events'],
      params: IdParams,
      produces: 'text/calendar',
      handler: async (ctx, { params }) => {
        const event = await ctx.deps.models.Event.findById(params.id).lean();
        if (!event || (event.status !== 'published' && event.status !== 'cancelled')) throw notFound('活动');
        const cancelled = event.status === 'cancelled';
        // One UID for the event's life; SEQUENCE rises with every change of time or place and with the
        // cancellation, so calendars replace the copy they hold (a cancelled one says so).
        const cal = ical({
          name: '科转通活动',
          prodId: { company: 'TechBridge', product: 'techbridge-api' },
          method: cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH,
        });
        cal.createEvent({
          id: `${String(event._id)}@techbridge`,
          sequence: event.sequence ?? 0,
          status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
          start: event.startsAt,
          end: event.endsAt ?? new Date(new Date(event.startsAt).getTime() + 2 * 3600_000),
          summary: cancelled ? `【已取消】${event.title}` : event.title,
          description: event.summary || undefined,
          location: [event.venue, event.address].filter(Boolean).join(' ') || event.onlineUrl || undefined,
          url: `${ctx.deps.env.H5_BASE_URL}/#/pages/event/detail?id=${String(event._id)}`,
        });
        ctx.set('Content-Type', 'text/calendar; charset=utf-8');
        ctx.set('Content-Disposition', `attachment; filename="event-${String(event._id)}.ics"`);
        ctx.body = cal.toString();
      },
    }),
  ];
}
