import { ApiError } from '../../lib/api';

export interface FormErrors {
  /** Message per field path and per each of its prefixes: `regions.3` also answers `regions`. */
  fields: Record<string, string>;
  /** What to show above the form. */
  message: string | null;
}

export const NO_ERRORS: FormErrors = { fields: {}, message: null };

/**
 * Turns a failed save into messages under the fields. `err.fieldMap()` gives each path and its last segment
 * (`registration.capacity` → `capacity`); array paths (`regions.3`, `registration.questions.0.label`) are also
 * filed under their prefixes so the field showing the whole list gets the message. `shown` lists the keys the
 * form displays; a message for any other field is kept in the banner so it is never lost.
 */
export function formErrors(e: unknown, shown: readonly string[]): FormErrors {
  if (!(e instanceof ApiError)) return { fields: {}, message: '保存失败，请稍后重试' };
  if (e.fields.length === 0) return { fields: {}, message: e.message };
  const fields = e.fieldMap();
  for (const f of e.fields) {
    const parts = f.field.split('.');
    for (let i = 1; i < parts.length; i++) fields[parts.slice(0, i).join('.')] ??= f.message;
  }
  const unshown = e.fields.filter((f) => !shown.some((key) => f.field === key || f.field.startsWith(`${key}.`)));
  const rest = unshown.map((f) => `${f.field} ${f.message}`).join('；');
  return { fields, message: rest ? `请修改以下内容：${rest}` : '请按字段下方的提示修改后再保存' };
}
