// The sign-up form's rules, kept free of Taro so they run (and are unit-tested) in plain Node.
// The api validates the same things (shared/src/schemas/registration.ts); checking here first lets the
// form show every problem at once, under its field, without a round trip.
import type { Question } from './types';

export type SignupRole = 'attendee' | 'presenter';

export interface SignupValues {
  role: SignupRole;
  name: string;
  org: string;
  phone: string;
  /** Answers keyed by question id, as typed or picked. */
  answers: Record<string, string>;
}

export interface RegistrationBody {
  role: SignupRole;
  name: string;
  org: string;
  phone: string;
  answers: Record<string, string>;
  source?: string;
}

export const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
/** The tracking code of a pushed link (`t`), as the api accepts it. */
export const SOURCE_CODE = /^[A-Za-z0-9_-]{1,64}$/;

const NAME_MAX = 50;
const ORG_MAX = 200;
const ANSWER_MAX = 1000;

/** The error key of a question: the same path the api uses in its field errors. */
export const answerKey = (questionId: string) => `answers.${questionId}`;

/** People paste numbers as `138 0013 8000` or `138-0013-8000`; the digits are what counts. */
export const normalizePhone = (phone: string) => phone.replace(/[\s-]/g, '');

/** Field → Chinese message for every problem; empty when the form can be sent. */
export function validateSignup(values: SignupValues, questions: readonly Question[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = values.name.trim();
  const org = values.org.trim();

  if (!name) errors.name = '请输入姓名';
  else if (name.length > NAME_MAX) errors.name = `姓名不能超过 ${NAME_MAX} 个字符`;

  if (!org) errors.org = '请输入单位';
  else if (org.length > ORG_MAX) errors.org = `单位不能超过 ${ORG_MAX} 个字符`;

  if (!MAINLAND_MOBILE.test(normalizePhone(values.phone))) errors.phone = '请输入有效的中国大陆手机号';

  if (values.role !== 'attendee' && values.role !== 'presenter') errors.role = '请选择参会身份';

  for (const q of questions) {
    const answer = (values.answers[q.id] ?? '').trim();
    const key = answerKey(q.id);
    if (!answer) {
      if (q.required) errors[key] = `请填写「${q.label}」`;
    } else if (answer.length > ANSWER_MAX) {
      errors[key] = `「${q.label}」不能超过 ${ANSWER_MAX} 个字符`;
    } else if (q.type === 'choice' && q.options.length > 0 && !q.options.includes(answer)) {
      errors[key] = `请选择「${q.label}」的有效选项`;
    }
  }
  return errors;
}

/**
 * The body of `POST /events/:id/registrations`: trimmed text, answers only for this event's questions and
 * only when filled in (the api rejects unknown question ids), and `source` only when it is a well-formed
 * tracking code, so a mangled link never blocks a sign-up.
 */
export function toRegistrationBody(
  values: SignupValues,
  questions: readonly Question[],
  source?: string | null,
): RegistrationBody {
  const answers: Record<string, string> = {};
  for (const q of questions) {
    const answer = (values.answers[q.id] ?? '').trim();
    if (answer) answers[q.id] = answer;
  }
  const body: RegistrationBody = {
    role: values.role,
    name: values.name.trim(),
    org: values.org.trim(),
    phone: normalizePhone(values.phone),
    answers,
  };
  if (source && SOURCE_CODE.test(source)) body.source = source;
  return body;
}

/**
 * The api's field errors (`name`, `phone`, `answers.<id>`, …) split into those the form can show under a
 * field and the rest (shown above the button). Uses the full paths rather than `ApiError.fieldMap()`'s
 * last segments, so a question whose id is `name` cannot land under the name field.
 */
export function splitServerErrors(
  fields: readonly { field: string; message: string }[],
  questions: readonly Question[],
): { byField: Record<string, string>; other: string[] } {
  const known = new Set(['role', 'name', 'org', 'phone', ...questions.map((q) => answerKey(q.id))]);
  const byField: Record<string, string> = {};
  const other: string[] = [];
  for (const f of fields) {
    if (known.has(f.field)) byField[f.field] ??= f.message;
    else other.push(f.message);
  }
  return { byField, other };
}

/**
 * The errors left once the fields in `changed` were edited: a flagged field that is now valid loses its message
 * at once (a corrected phone number stops saying it is wrong), a field still wrong keeps the message it had,
 * and fields not edited are left alone until the next submit.
 */
export function errorsAfterEdit(
  errors: Record<string, string>,
  values: SignupValues,
  questions: readonly Question[],
  changed: readonly string[],
): Record<string, string> {
  const flagged = changed.filter((key) => errors[key]);
  if (flagged.length === 0) return errors;
  const now = validateSignup(values, questions);
  const next = { ...errors };
  for (const key of flagged) if (!now[key]) delete next[key];
  return next;
}
