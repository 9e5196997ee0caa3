import { Types } from 'mongoose';
import type { Question, RegistrationInput } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import { AppError, conflict, notFound, validationFailed, type FieldIssue } from '../errors.js';
import { claimSeat, seatsHeld } from './seats.js';
import { activeKeyFor, newTicketCode } from './ticketCode.js';
import { promoteWaitlist } from './waitlistPromoter.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- lean docs */

/**
 * Signs a user up for an event. Order matters because FerretDB has no transactions:
 *  1. insert the registration as `waitlisted` (or `pending_approval`): the unique activeKey
 *     rejects a second active registration by the same user, however many arrive at once;
 *  2. claim a seat (unique insert); only then mark it `confirmed`.
 * A crash between steps leaves a waitlisted registration (safe), or a seat whose holder is
 * still waitlisted, which the sweeper confirms. Confirmed never outnumbers seats.
 */
export async function createRegistration(deps: Deps, eventId: string, userId: string, input: RegistrationInput) {
  const { models } = deps;
  const now = deps.now();
  const event: any = await models.Event.findById(eventId).lean();
  if (!event || event.status !== 'published') throw notFound('活动');
  const settings = event.registration;
  if (settings.opensAt && now < settings.opensAt) throw new AppError(409, 'registration_not_open', '报名尚未开始');
  if ((settings.closesAt && now > settings.closesAt) || now > event.startsAt) {
    throw new AppError(409, 'registration_closed', '报名已截止');
  }
  const answers = checkAnswers(settings.questions ?? [], input.answers);

  const pendingApproval = input.role === 'presenter' && settings.approvalRequired;
  const id = new Types.ObjectId();
  const base = {
    _id: id,
    event: event._id,
    user: userId,
    role: input.role,
    answers,
    contact: { name: input.name, org: input.org, phone: input.phone },
    source: input.source ?? null,
    status: pendingApproval ? 'pending_approval' : 'waitlisted',
    activeKey: activeKeyFor(eventId, userId),
  };
  // The reply is built from what we wrote, not read back: on FerretDB every read scans the collection.
  const created: any = await insertWithTicket(deps, base, eventId, userId);
  if (pendingApproval) return created;

  const seat = await claimSeat(models, event._id, settings.capacity, id);
  if (seat !== null) {
    const updatedAt = new Date();
    await models.Registration.updateOne({ _id: id }, { $set: { status: 'confirmed', seatNo: seat, updatedAt } });
    return { ...created, status: 'confirmed', seatNo: seat, updatedAt };
  }
  if (!settings.waitlistEnabled) {
    await models.Registration.deleteOne({ _id: id });
    throw new AppError(409, 'event_full', '名额已满');
  }
  // A seat may have been freed between our claim and our insert: only then does the promoter need to look.
  if ((await seatsHeld(models, event._id)) < settings.capacity) {
    await promoteWaitlist(deps, eventId);
    return models.Registration.findById(id).lean();
  }
  return created;
}

async function insertWithTicket(deps: Deps, doc: Record<string, unknown>, eventId: string, userId: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return (await deps.models.Registration.create({ ...doc, ticketCode: newTicketCode() })).toObject();
    } catch (e) {
      const err = e as { code?: number; message?: string; keyPattern?: Record<string, unknown> };
      if (err.code !== 11000) throw e;
      const existing: any = await deps.models.Registration.findOne({ activeKey: activeKeyFor(eventId, userId) }).lean();
      if (existing) {
        throw conflict('你已报名该活动', { registrationId: String(existing._id), status: existing.status });
      }
      // Otherwise the ticket code collided: draw another.
    }
  }
  throw new AppError(503, 'service_unavailable', '暂时无法生成票码，请重试');
}

/** Keeps only answers to the event's questions; required ones must be present, choices valid. */
function checkAnswers(questions: Question[], answers: Record<string, string>): Record<string, string> {
  const issues: FieldIssue[] = [];
  const known = new Map(questions.map((q) => [q.id, q]));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) issues.push({ field: `answers.${key}`, message: '不是该活动的报名问题' });
  }
  for (const q of questions) {
    const value = answers[q.id]?.trim() ?? '';
    if (q.required && !value) issues.push({ field: `answers.${q.id}`, message: `请回答「${q.label}」` });
    if (value && q.type === 'choice' && !q.options.includes(value)) {
      issues.push({ field: `answers.${q.id}`, message: `「${q.label}」的选项无效` });
    }
  }
  if (issues.length) throw validationFailed(issues);
  return Object.fromEntries(questions.filter((q) => answers[q.id]?.trim()).map((q) => [q.id, answers[q.id]!.trim()]));
}
