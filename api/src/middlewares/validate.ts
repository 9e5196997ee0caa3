import type { ZodError, ZodType } from 'zod';
import { fieldLabel, findHiddenCharacter, installChineseErrors } from '@techbridge/shared';
import { badRequest, validationFailed, type FieldIssue } from '../errors.js';

// Every schema, including ones added later anywhere, speaks Chinese by default (shared/src/zodChinese.ts).
installChineseErrors();

/**
 * Turns zod issues into `{ field, label, message }`: the field as a dotted path, its Chinese name
 * where known (`context` is the route's resource, e.g. `registrations`), the message in Chinese.
 */
export function zodIssues(err: ZodError, context?: string): FieldIssue[] {
  const named = (field: string, message: string): FieldIssue => {
    const label = fieldLabel(field, context);
    return label ? { field, label, message } : { field, message };
  };
  return err.issues.flatMap((i): FieldIssue | FieldIssue[] => {
    const field = i.path.map(String).join('.') || '(body)';
    if (i.code === 'unrecognized_keys') return i.keys.map((k) => named([...i.path.map(String), k].join('.'), '是不允许的字段'));
    return named(field, i.message);
  });
}

/** Parses one part of the request; the thrown ZodError becomes a 400 naming each field. */
export function parsePart<T extends ZodType>(schema: T, value: unknown): ReturnType<T['parse']> {
  return schema.parse(value) as ReturnType<T['parse']>;
}

const MAX_DEPTH = 12;

/**
 * Refuses control and bidirectional-override characters in every string of the body or query
 * (names, organisations, free text alike), naming the field, before any schema sees them.
 */
export function assertNoHiddenText(value: unknown, path: string[] = [], depth = 0): void {
  if (depth > MAX_DEPTH) return; // assertNoOperators already refused this depth
  if (typeof value === 'string') {
    const found = findHiddenCharacter(value);
    if (found) {
      const field = path.join('.') || '(body)';
      throw validationFailed([{ field, ...labelOf(field), message: `包含不可见的控制字符（${found}），请删除后重试` }]);
    }
    return;
  }
  if (Array.isArray(value)) value.forEach((v, i) => assertNoHiddenText(v, [...path, String(i)], depth + 1));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) assertNoHiddenText(v, [...path, k], depth + 1);
  }
}

const labelOf = (field: string) => {
  const label = fieldLabel(field);
  return label ? { label } : {};
};

/**
 * Rejects MongoDB query operators smuggled in as keys (`{"$ne": null}`, `a.$where`, `x[$gt]`)
 * anywhere in the body or query, before any schema or database sees them.
 */
export function assertNoOperators(value: unknown, where: string, depth = 0): void {
  if (depth > MAX_DEPTH) throw badRequest(`${where} 嵌套层级过深`);
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertNoOperators(v, `${where}[${i}]`, depth + 1));
    return;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (key.startsWith('$') || key.includes('.$') || key.includes('[$') || key === '__proto__' || key === 'constructor') {
        throw badRequest(`不允许的字段名：${where}.${key}（查询运算符和原型属性名不能作为字段名）`, { field: `${where}.${key}` });
      }
      assertNoOperators(v, `${where}.${key}`, depth + 1);
    }
  }
}
