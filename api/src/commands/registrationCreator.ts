import { Types } from 'mongoose';
import type { Question, RegistrationInput } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import type { RegistrationDoc } from '../models/index.js';
import { AppError, conflict, notFound, validationFailed, type FieldIssue } from '../errors.js';
import { isDuplicateKey } from '../db/duplicateKey.js';
import { markChanged } from '../db/changeTokens.js';
import { seatLedger } from './seatLedger.js';
import { activeKeyFor, newTicketCode } from '../models/registrationKeys.js';
import { waitlistPosition } from './waitlistPosition.js';
import { registrationResult, type RegistrationResult } from './registrationResult.js';
import { tell } from '../notify/outbox.js';
import { registrationNotice } from '../notify/notices.js';

/**
 * Signs a user up for an event, without a multi-document transaction:
 *  1. insert the registration as `waitlisted` (or `pending_approval`): the unique activeKey
 *     rejects a second active registration by the same user, however many arrive at once;
 *  2. take a seat on the event's ledger (one conditional update); only the caller whose update
 *     took the seat moves the registration to `confirmed`, conditionally on it still waiting;
 *     when none is free, one query gives its place in line.
 * The event comes from the instance's snapshot cache (eventSnapshots.ts): a waitlisted sign-up
 * costs three round trips (insert, seat, place), a confirmed one three (insert, seat, confirm).
 * A crash between the steps leaves a seat whose holder still waits, which the sweep confirms.
 */
export async function registrationCreator(
  deps: Deps,
  eventId: string,
  userId: string,
  input: RegistrationInput,
): Promise<RegistrationResult> {
  const { models } = deps;
  const now = deps.now();
  const event = await deps.eventSnapshots.get(eventId);
  if (event?.status === 'cancelled') throw new AppError(409, 'registration_closed', '活动已取消，报名已关闭');
  if (!event?.registration || event.status !== 'published') throw notFound('活动');
  const settings = event.registration;
  if (settings.opensAt && now < settings.opensAt) throw new AppError(409, 'registration_not_open', '报名尚未开始');
  if ((settings.closesAt && now > settings.closesAt) || now > event.startsAt) {
    throw new AppError(409, 'registration_closed', '报名已截止');
  }
  const answers = checkAnswers((settings.questions ?? []) as Question[], input.answers);
  const pendingApproval = input.role === 'presenter' && settings.approvalRequired;
  const created = await insertWithTicket(deps, eventId, userId, {
    _id: new Types.ObjectId(),
    event: event._id,
    user: new Types.ObjectId(userId),
    role: input.role,
    // Stored as a plain object; the inferred schema type says Map because mongoose hydrates it as one.
    answers: answers as unknown as RegistrationDoc['answers'],
    contact: { name: input.name, org: input.org, phone: input.phone },
    source: input.source ?? null,
    status: pendingApproval ? 'pending_approval' : 'waitlisted',
    activeKey: activeKeyFor(eventId, userId),
    offerExpiresAt: null,
    cancelReason: null,
    checkedInAt: null,
    createdAt: now,
    updatedAt: now,
  });
  if (pendingApproval) return { registration: created, waitlistPosition: null };

  /** Moves the registration that took a seat to `confirmed`, conditionally on it still waiting. */
  const confirm = async (): Promise<RegistrationResult> => {
    const updatedAt = new Date();
    const { matchedCount } = await models.Registration.updateOne(
      { _id: created._id, status: 'waitlisted' },
      { $set: { status: 'confirmed', updatedAt } },
    );
    // The conditional update matched, so this is the stored state: no need to read it back.
    if (matchedCount === 1) {
      await tell(deps, [registrationNotice(created, event, 'confirmed')]);
      return { registration: { ...created, status: 'confirmed', updatedAt }, waitlistPosition: null };
    }
    // Cancelled from another tab between our two steps: the seat goes back.
    await seatLedger.release(models, event._id, created._id);
    return registrationResult(models, eventId, String(created._id));
  };

  // With the ledger known to exist, a seat update that misses means no seat is free.
  await deps.eventSnapshots.ensureLedger({ ...event, registration: settings });
  if (await seatLedger.take(models, event._id, created._id)) return confirm();
  if (settings.waitlistEnabled) {
    // Full: wait in line. A seat freed after our insert goes through the promoter, which sees us; if it already
    // moved us (or a cancel from another tab did), the place query says we no longer wait.
    const position = await waitlistPosition(models, created);
    if (position === null) return registrationResult(models, eventId, String(created._id));
    await tell(deps, [registrationNotice(created, event, 'waitlisted')]);
    return { registration: created, waitlistPosition: position };
  }
  // No waitlist: one more try that also tells why (a seat freed since, or the promoter moved us), else we go.
  const claim = await seatLedger.claim(models, event._id, settings.capacity, created._id);
  if (claim === 'claimed') return confirm();
  if (claim === 'held') return registrationResult(models, eventId, String(created._id));
  await models.Registration.deleteOne({ _id: created._id, status: 'waitlisted' });
  throw new AppError(409, 'event_full', '名额已满');
}

/**
 * Inserts the registration with a fresh ticket code; a duplicate activeKey means "already signed up".
 * The document is complete as built above (every field of the schema, input already checked by zod), so it
 * goes to the driver as it is: hydrating a mongoose document to cast and validate it again was the largest
 * single CPU cost of a sign-up in the storm benchmark. (Not `insertMany({ lean })`: it wraps a lost
 * connection in a bulk-write error that no longer says the database is down, so the person got a 500, not
 * a 503 to retry.) The registrations change token is moved by hand, as a hooked write would.
 */
async function insertWithTicket(
  deps: Deps,
  eventId: string,
  userId: string,
  doc: Omit<RegistrationDoc, 'ticketCode'>,
): Promise<RegistrationDoc> {
  const { Registration } = deps.models;
  for (let attempt = 0; attempt < 5; attempt++) {
    const registration: RegistrationDoc = { ...doc, ticketCode: newTicketCode() };
    try {
      await Registration.collection.insertOne({ ...registration, __v: 0 });
      await markChanged(Registration);
      return registration;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      const existing = await deps.models.Registration.findOne({ activeKey: activeKeyFor(eventId, userId) }, { status: 1 }).lean();
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
