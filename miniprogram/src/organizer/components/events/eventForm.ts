// The event editor's state and its translation to and from the api's EventInput (shared/src/schemas/event.ts).
import { fromLocalInput, toLocalInput } from '../../../lib/format';
import type { EventInputBody, OrgEvent, QuestionInput } from '../../types';

export interface QuestionDraft {
  id: string;
  label: string;
  type: 'text' | 'choice';
  /** Comma-separated, as typed. */
  options: string;
  required: boolean;
}

export interface EventDraft {
  title: string;
  kind: EventInputBody['kind'];
  summary: string;
  description: string;
  /** Shanghai local `YYYY-MM-DD HH:mm`. */
  startsAt: string;
  endsAt: string;
  venue: string;
  address: string;
  onlineUrl: string;
  organizer: string;
  regions: string[];
  topics: string[];
  audiences: string[];
  capacity: string;
  waitlistEnabled: boolean;
  approvalRequired: boolean;
  opensAt: string;
  closesAt: string;
  /** Not edited here; kept so a save does not reset it (PATCH replaces the whole `registration`). */
  offerWindowMinutes: number;
  questions: QuestionDraft[];
  /** User ids of the co-organizers. */
  coOrganizers: string[];
}

/** Every field key the editor shows an error under; errors for anything else go to the banner. */
export const EVENT_FIELDS = [
  'title',
  'kind',
  'summary',
  'description',
  'startsAt',
  'endsAt',
  'venue',
  'address',
  'onlineUrl',
  'organizer',
  'regions',
  'topics',
  'audiences',
  'registration.capacity',
  'registration.waitlistEnabled',
  'registration.approvalRequired',
  'registration.opensAt',
  'registration.closesAt',
  'registration.questions',
  'coOrganizers',
] as const;

const localTime = (iso: string | null | undefined) => toLocalInput(iso).replace('T', ' ');

export const EMPTY_EVENT: EventDraft = {
  title: '',
  kind: 'roadshow',
  summary: '',
  description: '',
  startsAt: '',
  endsAt: '',
  venue: '',
  address: '',
  onlineUrl: '',
  organizer: '',
  regions: [],
  topics: [],
  audiences: [],
  capacity: '100',
  waitlistEnabled: true,
  approvalRequired: false,
  opensAt: '',
  closesAt: '',
  offerWindowMinutes: 0,
  questions: [],
  coOrganizers: [],
};

export function draftFrom(e: OrgEvent): EventDraft {
  return {
    title: e.title,
    kind: e.kind,
    summary: e.summary ?? '',
    description: e.description ?? '',
    startsAt: localTime(e.startsAt),
    endsAt: localTime(e.endsAt),
    venue: e.venue ?? '',
    address: e.address ?? '',
    onlineUrl: e.onlineUrl ?? '',
    organizer: e.organizer ?? '',
    regions: e.regions,
    topics: e.topics,
    audiences: e.audiences,
    capacity: String(e.registration.capacity),
    waitlistEnabled: e.registration.waitlistEnabled,
    approvalRequired: e.registration.approvalRequired,
    opensAt: localTime(e.registration.opensAt),
    closesAt: localTime(e.registration.closesAt),
    offerWindowMinutes: e.registration.offerWindowMinutes ?? 0,
    questions: e.registration.questions.map((q) => ({ ...q, options: q.options.join('，') })),
    coOrganizers: e.coOrganizers ?? [],
  };
}

/** The next free `qN` id, so ids never repeat after a question is removed. */
export function nextQuestionId(questions: readonly QuestionDraft[]): string {
  const used = questions
    .map((q) => /^q(\d+)$/.exec(q.id)?.[1])
    .map(Number)
    .filter(Number.isFinite);
  return `q${Math.max(0, ...used) + 1}`;
}

const BAD_TIME = '时间格式应为 YYYY-MM-DD HH:mm，例如 2026-12-03 14:00';

/** Checks the api cannot make for us (it only sees the converted values); keyed like the api's field errors. */
export function checkDraft(d: EventDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!d.title.trim()) errors.title = '请填写标题';
  if (!d.startsAt.trim()) errors.startsAt = '请填写开始时间';
  const times = {
    startsAt: d.startsAt,
    endsAt: d.endsAt,
    'registration.opensAt': d.opensAt,
    'registration.closesAt': d.closesAt,
  };
  for (const [key, value] of Object.entries(times)) {
    if (value.trim() && !fromLocalInput(value)) errors[key] = BAD_TIME;
  }
  // The api checks these orders on create only (its PATCH schema has no cross-field rules), so check here too.
  const at = (value: string) => (value.trim() ? fromLocalInput(value) : undefined);
  const [starts, ends, opens, closes] = [at(d.startsAt), at(d.endsAt), at(d.opensAt), at(d.closesAt)];
  if (starts && ends && ends <= starts) errors.endsAt ??= '结束时间必须晚于开始时间';
  if (opens && closes && closes <= opens) errors['registration.closesAt'] ??= '报名截止时间必须晚于报名开放时间';
  if (!d.capacity.trim()) errors['registration.capacity'] = '请填写名额';
  else if (!/^\d+$/.test(d.capacity.trim())) errors['registration.capacity'] = '名额应为整数';
  d.questions.forEach((q, i) => {
    if (q.type === 'choice' && splitOptions(q.options).length === 0)
      errors[`registration.questions.${i}.options`] = '单选题请至少填写一个选项';
  });
  return errors;
}

export const splitOptions = (text: string) =>
  text
    .split(/[,，、;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean);

const optional = (value: string) => (value.trim() ? value.trim() : undefined);

/**
 * The request body. Optional texts are left out when empty on a new event; when editing, an emptied venue,
 * address or organizer is sent as "" so the old value is cleared (the api has no way to clear a link or end time).
 */
export function toBody(d: EventDraft, editing: boolean, mayShare = true): EventInputBody {
  const clearable = (value: string) => (editing ? value.trim() : optional(value));
  const questions: QuestionInput[] = d.questions.map((q) => ({
    id: q.id,
    label: q.label.trim(),
    type: q.type,
    options: q.type === 'choice' ? splitOptions(q.options) : [],
    required: q.required,
  }));
  return {
    // A co-organizer saving the form leaves the list alone: changing it is the creator's call.
    ...(mayShare ? { coOrganizers: d.coOrganizers } : {}),
    title: d.title.trim(),
    kind: d.kind,
    summary: d.summary,
    description: d.description,
    startsAt: fromLocalInput(d.startsAt),
    endsAt: d.endsAt.trim() ? fromLocalInput(d.endsAt) : undefined,
    venue: clearable(d.venue),
    address: clearable(d.address),
    onlineUrl: optional(d.onlineUrl),
    organizer: clearable(d.organizer),
    regions: d.regions,
    topics: d.topics,
    audiences: d.audiences,
    registration: {
      opensAt: d.opensAt.trim() ? fromLocalInput(d.opensAt) : undefined,
      closesAt: d.closesAt.trim() ? fromLocalInput(d.closesAt) : undefined,
      capacity: Number(d.capacity.trim()),
      waitlistEnabled: d.waitlistEnabled,
      approvalRequired: d.approvalRequired,
      offerWindowMinutes: d.offerWindowMinutes,
      questions,
    },
  };
}
