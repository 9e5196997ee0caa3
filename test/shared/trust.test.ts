/**
 * The pure pieces behind issue 12 part 4: the Chinese error map, field labels, hidden-character
 * detection and spreadsheet times in Shanghai.
 */
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import { z } from 'zod';
import {
  chineseIssueMessage,
  fieldLabel,
  findHiddenCharacter,
  formatShanghaiSortable,
  installChineseErrors,
  stripHiddenCharacters,
} from '@techbridge/shared';

installChineseErrors();

const messages = (schema: z.ZodType, value: unknown) => {
  const r = schema.safeParse(value);
  assert.equal(r.success, false);
  return r.error!.issues.map((i) => i.message);
};

test('zod defaults come out in Chinese, each check its own wording', () => {
  assert.deepEqual(messages(z.number().min(1), 0), ['不能小于 1']);
  assert.deepEqual(messages(z.number().gt(0), 0), ['必须大于 0']);
  assert.deepEqual(messages(z.string().max(3), 'abcd'), ['不能超过 3 个字符']);
  assert.deepEqual(messages(z.string().min(1), ''), ['不能为空']);
  assert.deepEqual(messages(z.array(z.string()).max(1), ['a', 'b']), ['最多 1 项']);
  assert.deepEqual(messages(z.enum(['a', 'b']), 'c'), ['取值无效，可选值：a、b']);
  assert.deepEqual(messages(z.object({ n: z.number() }), {}), ['为必填项']);
  assert.deepEqual(messages(z.number().int(), 1.5), ['类型不正确，应为整数']);
  assert.deepEqual(messages(z.email(), 'x'), ['邮箱格式不正确']);
  assert.deepEqual(messages(z.object({}).strict(), { x: 1 }), ['包含不允许的字段：x']);
  // A schema's own message still wins.
  assert.deepEqual(messages(z.number().min(1, '名额至少为 1'), 0), ['名额至少为 1']);
  assert.equal(chineseIssueMessage({ code: 'custom', input: 1 } as never), '取值无效');
});

test('fields are named in Chinese by their last segment, a sign-up’s name as a person’s', () => {
  assert.equal(fieldLabel('registration.capacity'), '名额');
  assert.equal(fieldLabel('registration.questions.0.label'), '问题');
  assert.equal(fieldLabel('name', 'programs'), '名称');
  assert.equal(fieldLabel('name', 'registrations'), '姓名');
  assert.equal(fieldLabel('somethingNew'), null);
});

test('hidden characters are found and stripped; tabs and line breaks are not hidden', () => {
  assert.equal(findHiddenCharacter('张\u0000三'), 'U+0000');
  assert.equal(findHiddenCharacter('abc\u202Egpj.exe'), 'U+202E');
  assert.equal(findHiddenCharacter('\u2066x'), 'U+2066');
  assert.equal(findHiddenCharacter('第一行\n第二行\t说明\r'), null);
  assert.equal(findHiddenCharacter('复旦大学 😀'), null);
  assert.equal(stripHiddenCharacters('复\u0007旦\u202E大学'), '复旦大学');
});

test('spreadsheet times are Shanghai wall-clock time', () => {
  assert.equal(formatShanghaiSortable('2026-12-02T00:28:57.136Z'), '2026-12-02 08:28');
  assert.equal(formatShanghaiSortable('2026-12-03T06:00:00Z'), '2026-12-03 14:00');
  assert.equal(formatShanghaiSortable('2026-12-31T16:30:00Z'), '2027-01-01 00:30');
});
