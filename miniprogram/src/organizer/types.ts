// The organizer routes' shapes, taken from the api's contract (the zod schemas in shared/src/schemas that the
// api's presenters and validators use). Type-only imports: erased at build time, checked by `npm run typecheck`.
import type {
  AudiencePreview,
  BotState,
  BotStateList,
  Broadcast as BroadcastSchema,
  BroadcastInputBody as BroadcastInputBodySchema,
  BroadcastPreview as BroadcastPreviewSchema,
  BroadcastReport as BroadcastReportSchema,
  BroadcastStatus as BroadcastStatusSchema,
  CheckInResult as CheckInResultSchema,
  ContentStatus as ContentStatusSchema,
  DeliveryStatus as DeliveryStatusSchema,
  DuplicateResult,
  Event,
  EventCancelResult,
  EventInputBody as EventInputBodySchema,
  EventNoticePreview,
  EventStatus as EventStatusSchema,
  Group as GroupSchema,
  OrganizerList as OrganizerListSchema,
  OrganizerSummary as OrganizerSummarySchema,
  OwnerScope as OwnerScopeSchema,
  Policy,
  Program,
  QuestionInput as QuestionInputSchema,
  SplitResult,
  TagResult as TagResultSchema,
  WecomTestReply,
} from '@techbridge/shared';

export type ContentStatus = ContentStatusSchema;
export type EventStatus = EventStatusSchema;

/** An event as organizers see it (drafts included, with their availability as it would be). */
export type OrgEvent = Event;
/** POST /events/:id/cancel. */
export type EventCancelReply = EventCancelResult;
/** GET /events/:id/notice-preview: how many people and groups a change or cancellation would tell. */
export type EventNoticeCounts = EventNoticePreview;

/** A question as the event form sends it. */
export type QuestionInput = QuestionInputSchema;
/** POST /events body (PATCH takes any subset); times as ISO strings. */
export type EventInputBody = EventInputBodySchema;

export type CheckInResult = CheckInResultSchema;

export type BroadcastInputBody = BroadcastInputBodySchema;
export type BroadcastAudience = BroadcastInputBody['audience'];
export type BroadcastSchedule = BroadcastInputBody['schedule'];
export type BroadcastStatus = BroadcastStatusSchema;
export type Broadcast = BroadcastSchema;
export type BroadcastPreview = BroadcastPreviewSchema;
export type DeliveryStatus = DeliveryStatusSchema;
export type BroadcastReport = BroadcastReportSchema;

export type Group = GroupSchema;
export type DeliverySettings = Group['delivery'];
export type GroupManager = Group['managers'][number];
/** POST /groups/:id/wecom-test. */
export type WecomTestResult = WecomTestReply;

export type BotAccountState = BotState;
/** GET /bot/state. */
export type BotAccountStates = BotStateList;

/** A policy / 支持计划 as organizers see it. */
export type OrgPolicy = Policy;
export type OrgProgram = Program;

/** Proposed facets, each value with the words in the text that triggered it. */
export type TagResult = TagResultSchema;
export type TagFacet = TagResult['regions'][number];
/** POST /policies/split: the pasted text cut into items, each tagged. */
export type SplitReply = SplitResult;
export type SplitItem = SplitResult['items'][number];

/** POST /policies/duplicates, /programs/duplicates. */
export type DuplicateReply = DuplicateResult;
export type DuplicateHit = DuplicateResult['duplicates'][number];

/** GET /{policies,programs,events}/:id/audience and POST /audience/preview. */
export type AudiencePreviewResult = AudiencePreview;

/** An organizer account as the co-organizer picker lists it (GET /organizers). */
export type OrganizerSummary = OrganizerSummarySchema;
export type OrganizerList = OrganizerListSchema;

/** Organizer lists: what I own or co-organize, or (admins) everything. */
export type OwnerScope = OwnerScopeSchema;
