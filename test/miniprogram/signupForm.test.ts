/**
 * The sign-up form's rules (miniprogram/src/lib/signupForm.ts, pure, no Taro): what the user is told under each
 * field, and what is sent. Every body the form would send is also checked against the api's own schema, so the form
 * never lets through what the api then rejects.
 */
import { beforeAll, test } from '@jest/globals';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { RegistrationInput } from '@techbridge/shared';

// The mini-program is its own TypeScript project (bundler resolution), so it is loaded at run time (jest's transform compiles it)
// rather than compiled into this one; this is the part of its interface the tests use.
interface Question {
  id: string;
  label: string;
  type: 'text' | 'choice';
  options: string[];
  required: boolean;
}
interface SignupValues {
  role: 'attendee' | 'presenter';
  name: string;
  org: string;
  phone: string;
  answers: Record<string, string>;
}
interface SignupFormModule {
  validateSignup(values: SignupValues, questions: readonly Question[]): Record<string, string>;
  toRegistrationBody(values: SignupValues, questions: readonly Question[], source?: string | null): Record<string, unknown>;
  errorsAfterEdit(
    errors: Record<string, string>,
    values: SignupValues,
    questions: readonly Question[],
    changed: readonly string[],
  ): Record<string, string>;
}
const modulePath = fileURLToPath(new URL('../../miniprogram/src/lib/signupForm.ts', import.meta.url));
let validateSignup: SignupFormModule['validateSignup'];
let toRegistrationBody: SignupFormModule['toRegistrationBody'];
let errorsAfterEdit: SignupFormModule['errorsAfterEdit'];
beforeAll(async () => {
  ({ validateSignup, toRegistrationBody, errorsAfterEdit } = (await import(modulePath)) as SignupFormModule);
});

const PHONE_ERROR = '请输入有效的中国大陆手机号';
const values = (patch: Partial<SignupValues> = {}): SignupValues => ({
  role: 'attendee',
  name: '张三',
  org: '上海交通大学',
  phone: '13812345678',
  answers: {},
  ...patch,
});
const questions: Question[] = [
  { id: 'project', label: '项目名称', type: 'text', options: [], required: true },
  { id: 'stage', label: '项目阶段', type: 'choice', options: ['概念验证', '中试', '产业化'], required: true },
  { id: 'note', label: '备注', type: 'text', options: [], required: false },
];

/** The form lets it through exactly when its body is one the api accepts. */
function assertAgreesWithApi(v: SignupValues, qs: readonly Question[], source?: string) {
  const errors = validateSignup(v, qs);
  if (Object.keys(errors).length > 0) return errors;
  const body = toRegistrationBody(v, qs, source);
  const parsed = RegistrationInput.safeParse(body);
  assert.ok(parsed.success, `the form accepts ${JSON.stringify(v)} but the api rejects ${JSON.stringify(body)}`);
  return errors;
}

test('a complete form has no errors and sends trimmed values', () => {
  const v = values({ name: '  李四 ', org: ' 复旦大学\n', phone: ' 13900001111 ' });
  assert.deepEqual(assertAgreesWithApi(v, []), {});
  assert.deepEqual(toRegistrationBody(v, []), {
    role: 'attendee',
    name: '李四',
    org: '复旦大学',
    phone: '13900001111',
    answers: {},
  });
});

test('name and org are required; blanks and whitespace count as missing', () => {
  for (const blank of ['', '   ', '\n\t']) {
    const errors = validateSignup(values({ name: blank, org: blank }), []);
    assert.equal(errors.name, '请输入姓名', JSON.stringify(blank));
    assert.equal(errors.org, '请输入单位', JSON.stringify(blank));
    assert.equal(errors.phone, undefined, 'a good phone is not flagged');
  }
  const long = validateSignup(values({ name: '张'.repeat(51), org: '单'.repeat(201) }), []);
  assert.match(long.name ?? '', /50/);
  assert.match(long.org ?? '', /200/);
  assert.deepEqual(validateSignup(values({ name: '张'.repeat(50), org: '单'.repeat(200) }), []), {});
});

test('phone: mainland mobile numbers only; spaces and dashes people paste are fine', () => {
  const good = ['13812345678', '19912345678', '16600001111', '138 1234 5678', '138-1234-5678', ' 13812345678 '];
  const bad = [
    '',
    '1381234567',
    '138123456789',
    '12812345678',
    '10012345678',
    '23812345678',
    '1381234567a',
    '+8613812345678',
    '１３８１２３４５６７８',
    '138.1234.5678',
  ];
  for (const phone of good) {
    assert.deepEqual(assertAgreesWithApi(values({ phone }), []), {}, phone);
    assert.match(String(toRegistrationBody(values({ phone }), []).phone), /^\d{11}$/, phone);
  }
  for (const phone of bad) {
    const errors = validateSignup(values({ phone }), []);
    assert.deepEqual(errors, { phone: PHONE_ERROR }, JSON.stringify(phone));
    // And the api would have said the same.
    assert.equal(RegistrationInput.safeParse({ name: '张三', org: '上海交通大学', phone }).success, false, phone);
  }
});

test('required questions must be answered (text trimmed); optional ones may stay empty', () => {
  const empty = validateSignup(values(), questions);
  assert.equal(empty['answers.project'], '请填写「项目名称」');
  assert.equal(empty['answers.stage'], '请填写「项目阶段」');
  assert.equal(empty['answers.note'], undefined);
  assert.equal(Object.keys(empty).length, 2);

  const blank = validateSignup(values({ answers: { project: '   ', stage: '中试' } }), questions);
  assert.deepEqual(blank, { 'answers.project': '请填写「项目名称」' });

  const answered = values({ answers: { project: ' 高通量筛选平台 ', stage: '中试', note: '  ' } });
  assert.deepEqual(assertAgreesWithApi(answered, questions), {});
  assert.deepEqual(toRegistrationBody(answered, questions).answers, { project: '高通量筛选平台', stage: '中试' });
});

test('a choice must be one of its options; answers longer than the api allows are flagged', () => {
  const wrong = validateSignup(values({ answers: { project: 'x', stage: '量产' } }), questions);
  assert.deepEqual(Object.keys(wrong), ['answers.stage']);
  const long = validateSignup(values({ answers: { project: 'x'.repeat(1001), stage: '中试' } }), questions);
  assert.deepEqual(Object.keys(long), ['answers.project']);
  assert.deepEqual(assertAgreesWithApi(values({ answers: { project: 'x'.repeat(1000), stage: '中试' } }), questions), {});
});

test('answers to questions the event does not have are not sent (the api rejects unknown ids)', () => {
  const body = toRegistrationBody(values({ answers: { project: 'p', stage: '中试', injected: 'x' } }), questions);
  assert.deepEqual(body.answers, { project: 'p', stage: '中试' });
});

test('errors for several fields come together, one per field', () => {
  const errors = validateSignup(values({ name: '', org: '', phone: '123' }), questions);
  assert.deepEqual(Object.keys(errors).sort(), ['answers.project', 'answers.stage', 'name', 'org', 'phone']);
});

test('the tracking code is sent only when well-formed', () => {
  const v = values();
  for (const source of ['abc123', 'Ab3_x-9', 'g'.repeat(64)]) {
    assert.equal(toRegistrationBody(v, [], source).source, source);
    assertAgreesWithApi(v, [], source);
  }
  for (const source of [undefined, null, '', 'x y', 'a{b}', 'abc/def', '中文', 'g'.repeat(65), 'abc\n']) {
    const body = toRegistrationBody(v, [], source);
    assert.equal('source' in body, false, JSON.stringify(source));
    assert.ok(RegistrationInput.safeParse(body).success);
  }
});

test('the role is sent as chosen; anything else is an error', () => {
  assert.equal(toRegistrationBody(values({ role: 'presenter' }), []).role, 'presenter');
  assertAgreesWithApi(values({ role: 'presenter' }), []);
  const errors = validateSignup(values({ role: 'speaker' as SignupValues['role'] }), []);
  assert.ok(errors.role, JSON.stringify(errors));
});

test('an edit clears the error of a field it corrected, keeps one still wrong, and leaves other fields alone', () => {
  const bad = values({ name: '', phone: '1380013800' });
  const shown = validateSignup(bad, []);
  assert.deepEqual(Object.keys(shown).sort(), ['name', 'phone']);
  // Still too short: the message stays.
  assert.deepEqual(errorsAfterEdit(shown, { ...bad, phone: '138001380' }, [], ['phone']), shown);
  // Corrected: only the phone's message goes; the name, not edited, keeps its own until it is fixed.
  assert.deepEqual(errorsAfterEdit(shown, { ...bad, phone: '138 0013 8000' }, [], ['phone']), { name: '请输入姓名' });
  // A field without a message is not flagged by editing it (no errors before the first submit).
  assert.deepEqual(errorsAfterEdit({}, { ...bad, phone: '1' }, [], ['phone']), {});
  // A choice answer, keyed like the api's field path.
  const stageKey = 'answers.stage';
  const missing = validateSignup(values({ answers: { project: 'x' } }), questions);
  assert.ok(missing[stageKey]);
  const after = errorsAfterEdit(missing, values({ answers: { project: 'x', stage: '中试' } }), questions, [stageKey]);
  assert.equal(after[stageKey], undefined);
});
