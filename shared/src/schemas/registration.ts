import { z } from 'zod';
import { MainlandMobile, ObjectIdString, ShortText, page } from './common.js';
import { EventStatus } from './event.js';

export const RegistrationRole = z.enum(['attendee', 'presenter']);
export type RegistrationRole = z.infer<typeof RegistrationRole>;
export const RegistrationStatus = z.enum([
  'pending_approval',
  'confirmed',
  'waitlisted',
  'offered',
  'cancelled',
  'rejected',
  'checked_in',
]);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

/** Statuses that count as "the user's registration for this event" (invariant 2). */
export const ACTIVE_STATUSES: readonly RegistrationStatus[] = [
  'pending_approval',
  'confirmed',
  'waitlisted',
  'offered',
  'checked_in',
];

export const RegistrationInput = z
  .object({
    role: RegistrationRole.default('attendee'),
    name: ShortText.max(50, '姓名不能超过 50 个字符'),
    org: ShortText,
    phone: MainlandMobile,
    answers: z.record(z.string().regex(/^[a-z0-9_]{1,30}$/), z.string().max(1000)).default({}),
    /** The tracking code (`t`) of the pushed link the user came from, so organizers see which push worked. */
    source: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/, '来源编码格式不正确')
      .optional(),
  })
  .strict();
export type RegistrationInput = z.infer<typeof RegistrationInput>;

export const Registration = z.object({
  id: z.string(),
  eventId: z.string(),
  role: RegistrationRole,
  status: RegistrationStatus,
  ticketCode: z.string(),
  name: z.string(),
  org: z.string(),
  /** Full number for the registrant themself; masked (138****5678) in organizer lists. */
  phone: z.string(),
  answers: z.record(z.string(), z.string()),
  /** Tracking code of the pushed link behind this sign-up, if any. */
  source: z.string().nullable(),
  waitlistPosition: z.number().int().nullable(),
  offerExpiresAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Registration = z.infer<typeof Registration>;

/**
 * One of the caller's own registrations (我的报名), with what they must know of the event: a cancelled
 * event leaves the registration as it was (confirmed, say), so the page needs the event's status and
 * reason to say 活动已取消 and stop offering the ticket. `event` is null when the event no longer exists.
 */
export const MyRegistration = Registration.extend({
  event: z.object({ status: EventStatus, cancelReason: z.string().nullable() }).nullable(),
});
export type MyRegistration = z.infer<typeof MyRegistration>;
export const RegistrationPage = page(Registration);
/** GET /me/registrations: the caller's own, newest first. */
export const MyRegistrationList = z.object({ items: z.array(MyRegistration) });
/** POST /events/:id/checkin: checking in twice is not an error, it says so. */
export const CheckInResult = z.object({ alreadyCheckedIn: z.boolean(), registration: Registration });
export type CheckInResult = z.infer<typeof CheckInResult>;

export const RegistrationParams = z.object({ id: ObjectIdString, regId: ObjectIdString }).strict();
export const CheckInInput = z
  .object({
    ticketCode: z
      .string()
      .trim()
      .regex(/^[A-Z0-9]{8}$/, '票码应为 8 位大写字母或数字'),
  })
  .strict();
export const RegistrationListQuery = z
  .object({
    status: RegistrationStatus.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

/**
 * What the sign-up form starts from: the contact the caller gave on their latest sign-up (their own
 * data, unmasked), or nulls when they have never signed up.
 */
export const SignupDefaults = z.object({
  name: z.string().nullable(),
  org: z.string().nullable(),
  phone: z.string().nullable(),
});
export type SignupDefaults = z.infer<typeof SignupDefaults>;
