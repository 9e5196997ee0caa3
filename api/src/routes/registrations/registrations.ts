import type { Context } from 'koa';
import {
  CheckInInput,
  CheckInResult,
  IdParams,
  MyRegistrationList,
  Registration,
  RegistrationInput,
  RegistrationListQuery,
  RegistrationPage,
  RegistrationParams,
} from '@techbridge/shared';
import { notFound } from '../../errors.js';
import { authorize } from '../../policies/index.js';
import { loadResource } from '../../policies/loaders.js';
import { audit } from '../../lib/audit.js';
import type { RegistrationDoc } from '../../models/index.js';
import { registrationCreator } from '../../commands/registrationCreator.js';
import { registrationEnder } from '../../commands/registrationEnder.js';
import { offerAccepter } from '../../commands/offerAccepter.js';
import { registrationApprover } from '../../commands/registrationApprover.js';
import { attendeeCheckIn } from '../../commands/attendeeCheckIn.js';
import type { RegistrationResult } from '../../commands/registrationResult.js';
import { waitlistPosition } from '../../commands/waitlistPosition.js';
import { presentMyRegistration, presentRegistration, type EventState } from '../../presenters/registration.js';
import { defineRoute, type AnyRoute } from '../define.js';
import { exportRoutes } from './export.js';

/** The registrant's own view of a command's finished result (their phone unmasked). */
const own = ({ registration, waitlistPosition }: RegistrationResult) =>
  presentRegistration(registration, { masked: false, waitlistPosition });

/** Loads a registration the caller may act on: their own, or one on an event they run (admins: any). */
async function ownedBy(ctx: Context, eventId: string, regId: string) {
  const reg = await ctx.deps.models.Registration.findOne({ _id: regId, event: eventId }, { user: 1 }).lean();
  if (!reg) throw notFound('报名记录');
  if (String(reg.user) === ctx.state.user!.id) return;
  const event = await loadResource(ctx.deps.models, 'event', eventId);
  if (!event) throw notFound('活动');
  authorize(ctx.state.user, 'manageRegistrations', event, '只能操作自己的报名');
}

const organizerAction = (verb: 'approve' | 'reject', run: (ctx: Context, e: string, r: string) => Promise<RegistrationResult>) =>
  defineRoute({
    method: 'post',
    path: `/events/:id/registrations/:regId/${verb}`,
    access: 'organizer',
    owns: { resource: 'event', action: 'manageRegistrations' },
    summary: `${verb} a registration`,
    tags: ['registrations'],
    params: RegistrationParams,
    response: Registration,
    audit: `registration.${verb}`,
    handler: async (ctx, { params }) => {
      const { registration } = await run(ctx, params.id, params.regId);
      await audit(ctx, `registration.${verb}`, 'registration', params.regId, { status: registration.status });
      return presentRegistration(registration, { masked: true });
    },
  });

export function registrationRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/events/:id/registrations',
      access: 'user',
      summary: 'Sign up for an event (confirmed, waitlisted or pending approval)',
      tags: ['registrations'],
      params: IdParams,
      body: RegistrationInput,
      response: Registration,
      status: 201,
      rateLimit: 'register',
      handler: async (ctx, { params, body }) => {
        const result = await registrationCreator(ctx.deps, params.id, ctx.state.user!.id, body);
        ctx.deps.metrics.registrations.inc({ outcome: result.registration.status });
        return own(result);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/events/:id/registrations',
      access: 'organizer',
      owns: { resource: 'event', action: 'manageRegistrations' },
      summary: 'List registrants (phones masked)',
      tags: ['registrations'],
      params: IdParams,
      query: RegistrationListQuery,
      response: RegistrationPage,
      handler: async (ctx, { params, query }) => {
        const filter = { event: params.id, ...(query.status ? { status: query.status } : {}) };
        const [docs, total] = await Promise.all([
          ctx.deps.models.Registration.find(filter)
            .sort({ createdAt: 1, _id: 1 })
            .skip((query.page - 1) * query.pageSize)
            .limit(query.pageSize)
            .lean(),
          ctx.deps.models.Registration.countDocuments(filter),
        ]);
        return {
          items: docs.map((d) => presentRegistration(d, { masked: true })),
          total,
          page: query.page,
          pageSize: query.pageSize,
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/events/:id/registrations/:regId/cancel',
      access: 'user',
      summary: 'Cancel a registration; the seat goes to the next in line',
      tags: ['registrations'],
      params: RegistrationParams,
      response: Registration,
      handler: async (ctx, { params }) => {
        await ownedBy(ctx, params.id, params.regId);
        return own(await registrationEnder(ctx.deps, params.id, params.regId, 'cancelled', 'user'));
      },
    }),
    defineRoute({
      method: 'post',
      path: '/events/:id/registrations/:regId/accept',
      access: 'user',
      summary: 'Accept a waitlist offer before it expires',
      tags: ['registrations'],
      params: RegistrationParams,
      response: Registration,
      handler: async (ctx, { params }) => {
        await ownedBy(ctx, params.id, params.regId);
        return own(await offerAccepter(ctx.deps, params.id, params.regId));
      },
    }),
    organizerAction('approve', (ctx, e, r) => registrationApprover(ctx.deps, e, r)),
    organizerAction('reject', (ctx, e, r) => registrationEnder(ctx.deps, e, r, 'rejected', 'organizer')),
    defineRoute({
      method: 'post',
      path: '/events/:id/checkin',
      access: 'organizer',
      owns: { resource: 'event', action: 'manageRegistrations' },
      summary: 'Check an attendee in by ticket code (idempotent)',
      tags: ['registrations'],
      params: IdParams,
      body: CheckInInput,
      response: CheckInResult,
      audit: 'registration.checkin',
      handler: async (ctx, { params, body }) => {
        const { registration, alreadyCheckedIn } = await attendeeCheckIn(ctx.deps, params.id, body.ticketCode);
        if (!alreadyCheckedIn) await audit(ctx, 'registration.checkin', 'registration', String(registration._id));
        return { alreadyCheckedIn, registration: presentRegistration(registration, { masked: true }) };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/me/registrations',
      access: 'user',
      summary: "The caller's registrations, newest first, each with its event's status (cancelled and why)",
      tags: ['registrations'],
      response: MyRegistrationList,
      handler: async (ctx) => {
        const { models } = ctx.deps;
        const docs = await models.Registration.find({ user: ctx.state.user!.id })
          .sort({ createdAt: -1 })
          .limit(200)
          .lean<RegistrationDoc[]>();
        const events = await models.Event.find(
          { _id: { $in: [...new Set(docs.map((d) => String(d.event)))] } },
          { status: 1, cancelReason: 1 },
        ).lean<(EventState & { _id: unknown })[]>();
        const eventOf = new Map(events.map((e) => [String(e._id), e]));
        const present = async (registration: RegistrationDoc) =>
          presentMyRegistration(registration, {
            waitlistPosition: await waitlistPosition(models, registration),
            event: eventOf.get(String(registration.event)) ?? null,
          });
        return { items: await Promise.all(docs.map(present)) };
      },
    }),
    ...exportRoutes(),
  ];
}
