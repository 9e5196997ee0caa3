import { z } from 'zod';
import { ContentStatus, Facets, HttpUrl, IsoDate, ObjectIdString, ShortText, page } from './common.js';

export const EventKindSchema = z.enum(['roadshow', 'matchmaking', 'challenge', 'training']);

export const Question = z
  .object({
    id: z.string().regex(/^[a-z0-9_]{1,30}$/, '问题编号只能包含小写字母、数字和下划线'),
    label: ShortText,
    type: z.enum(['text', 'choice']).default('text'),
    options: z.array(z.string().trim().min(1).max(100)).max(20).default([]),
    required: z.boolean().default(false),
  })
  .strict();
export type Question = z.infer<typeof Question>;
/** A question as a client sends it (defaults may be left out). */
export type QuestionInput = z.input<typeof Question>;

export const RegistrationSettings = z
  .object({
    opensAt: IsoDate.optional(),
    closesAt: IsoDate.optional(),
    capacity: z.number().int().min(1, '名额至少为 1').max(100_000),
    waitlistEnabled: z.boolean().default(true),
    /** Presenters (路演项目方) wait for an organizer's approval when true. */
    approvalRequired: z.boolean().default(false),
    /** Minutes a freed seat is held for the next in line; 0 confirms them at once. */
    offerWindowMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60)
      .default(0),
    questions: z.array(Question).max(20).default([]),
  })
  .strict();
export type RegistrationSettings = z.infer<typeof RegistrationSettings>;

export const EventFields = z
  .object({
    title: ShortText,
    kind: EventKindSchema,
    summary: z.string().max(2000).default(''),
    description: z.string().max(20_000).default(''),
    startsAt: IsoDate,
    endsAt: IsoDate.optional(),
    venue: z.string().trim().max(200).optional(),
    address: z.string().trim().max(300).optional(),
    onlineUrl: HttpUrl.optional(),
    organizer: z.string().trim().max(200).optional(),
    registration: RegistrationSettings,
    /** Organizer accounts (user ids) who run the event with its creator; only the creator or an admin changes them. */
    coOrganizers: z.array(ObjectIdString).max(20, '协办方最多 20 位').default([]),
  })
  .extend(Facets.shape)
  .strict();

export const EventInput = EventFields.refine((e) => !e.endsAt || e.endsAt > e.startsAt, {
  path: ['endsAt'],
  message: '结束时间必须晚于开始时间',
}).refine((e) => !e.registration.closesAt || !e.registration.opensAt || e.registration.opensAt < e.registration.closesAt, {
  path: ['registration', 'closesAt'],
  message: '报名截止时间必须晚于报名开始时间',
});
export type EventInput = z.infer<typeof EventInput>;
export const EventPatch = EventFields.partial().strict();
/** An event as a client sends it: times as ISO strings, defaults may be left out. */
export type EventInputBody = z.input<typeof EventFields>;

export const AvailabilitySchema = z.object({
  state: z.enum(['not_open', 'open', 'waitlist', 'full', 'closed']),
  seatsLeft: z.number().int(),
  label: z.string(),
});

/** An event's status: a content status, or `cancelled` (the organizer called it off: sign-up closed, everyone told). */
export const EventStatus = z.enum([...ContentStatus.options, 'cancelled']);
export type EventStatus = z.infer<typeof EventStatus>;

export const Event = z.object({
  id: z.string(),
  /** Short code for chat (`报名 K7MX4P`); null for an event created before codes existed and not yet listed. */
  code: z.string().nullable(),
  title: z.string(),
  kind: EventKindSchema,
  summary: z.string(),
  description: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  venue: z.string().nullable(),
  address: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  organizer: z.string().nullable(),
  /** The cover picture (`/api/v1/images/<id>`, 750×422 JPEG), null when the organizer added none. */
  coverUrl: z.string().nullable(),
  regions: z.array(z.string()),
  topics: z.array(z.string()),
  audiences: z.array(z.string()),
  registration: z.object({
    opensAt: z.string().nullable(),
    closesAt: z.string().nullable(),
    capacity: z.number().int(),
    waitlistEnabled: z.boolean(),
    approvalRequired: z.boolean(),
    offerWindowMinutes: z.number().int(),
    questions: z.array(Question),
  }),
  /** What a newcomer can do right now (computed from the seats held, never stored). */
  availability: AvailabilitySchema,
  /** `cancelled`: the organizer called it off (sign-up closed, everyone told). */
  status: EventStatus,
  /** Why it was cancelled (null unless cancelled). */
  cancelReason: z.string().nullable(),
  /** Raised on every change of time or place and on cancellation: the `.ics` SEQUENCE. */
  sequence: z.number().int(),
  /** The organizer who created the event (null for seeded events) and the co-organizers they added. */
  ownerId: z.string().nullable(),
  coOrganizers: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Event = z.infer<typeof Event>;
export const EventPage = page(Event);

/** POST /events/:id/cancel: the cancelled event and how many people and groups are being told. */
export const EventCancelResult = z.object({ event: Event, people: z.number().int(), groups: z.number().int() });
export type EventCancelResult = z.infer<typeof EventCancelResult>;
