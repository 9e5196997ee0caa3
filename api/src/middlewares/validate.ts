import type { ZodError, ZodType } from 'zod';
import { badRequest, type FieldIssue } from '../errors.js';

/** Turns zod issues into `{ field, message }` pairs, the field as a dotted path. */
export function zodIssues(err: ZodError): FieldIssue[] {
  return err.issues.flatMap((i): FieldIssue | FieldIssue[] => {
    const field = i.path.map(String).join('.') || '(body)';
    if (i.code === 'unrecognized_keys')
      return i.keys.map((k) => ({ field: [...i.path.map(String), k].join('.'), message: '是不允许的字段' }));
    if (i.code === 'invalid_type')
      return { field, message: i.input === undefined ? '为必填项' : `类型不正确（应为 ${i.expected}）` };
    return { field, message: i.message };
  });
}

/** Parses one part of the request; the thrown ZodError becomes a 400 naming each field. */
export function parsePart<T extends ZodType>(schema: T, value: unknown): ReturnType<T['parse']> {
  return schema.parse(value) as ReturnType<T['parse']>;
}

const MAX_DEPTH = 12;

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
        throw badRequest(`不允许的字段名：${where}.${key}`, { field: `${where}.${key}` });
      }
      assertNoOperators(v, `${where}.${key}`, depth + 1);
    }
  }
}
