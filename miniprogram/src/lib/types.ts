// The api's response shapes, taken from its own contract: the zod schemas in `shared/src/schemas` that the
// api's presenters are typed by. `import type` is erased at build time, so no zod reaches the bundle; a
// presenter or schema change that breaks a page fails `npm run typecheck`.
import type {
  Event,
  MyRegistration,
  Policy as PolicySchema,
  Program as ProgramSchema,
  Question as QuestionSchema,
  RegistrationStatus as RegistrationStatusSchema,
} from '@techbridge/shared';

export { REGISTRATION_STATUS_LABELS as STATUS_LABELS } from '@techbridge/shared/labels';

export interface Facets {
  regions: string[];
  topics: string[];
  audiences: string[];
}

export type Policy = PolicySchema;
export type Program = ProgramSchema;
export type Question = QuestionSchema;
/** An event as GET /events and /events/:id return it, with its availability. */
export type EventItem = Event;
export type RegistrationStatus = RegistrationStatusSchema;

/**
 * A registration: the organizer's and the registrant's view (POST /events/:id/registrations, the
 * organizer lists) lack `event`; 我的报名 (GET /me/registrations) carries the event's status and why it
 * was cancelled.
 */
export type Registration = Omit<MyRegistration, 'event'> & { event?: MyRegistration['event'] };

/** The organizer cancelled the registration's event (the registration itself keeps its status). */
export const eventCancelled = (reg: Pick<Registration, 'event'>) => reg.event?.status === 'cancelled';
