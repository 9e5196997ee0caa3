/**
 * Template mappings: which WeChat template carries each kind of message, and which of its keys
 * holds which of our values. One env variable per kind, `WECHAT_TEMPLATE_<KIND>`, e.g.
 *   WECHAT_TEMPLATE_WAITLIST_OFFER=AbC123xyz|thing1:title,time2:deadline,thing3:note
 * Checked at start (env.ts), so a missing or malformed mapping stops the api naming the variable
 * instead of failing at the first send.
 */
import { TEMPLATE_KEY, fitTemplateValue, type NotifyKind } from '@techbridge/shared';

/** The values each kind can fill, and the ones its template must show. */
export const TEMPLATE_SLOTS = {
  registration_result: { slots: ['title', 'status', 'startsAt', 'note'], required: ['title', 'status'] },
  waitlist_offer: { slots: ['title', 'deadline', 'note'], required: ['title', 'deadline'] },
  event_reminder: { slots: ['title', 'startsAt', 'place'], required: ['title', 'startsAt'] },
  event_changed: { slots: ['title', 'startsAt', 'place', 'note'], required: ['title'] },
  event_cancelled: { slots: ['title', 'startsAt', 'reason'], required: ['title', 'reason'] },
  new_content: { slots: ['title', 'type', 'note'], required: ['title'] },
} as const satisfies Record<NotifyKind, { slots: readonly string[]; required: readonly string[] }>;

export type Slot<K extends NotifyKind> = (typeof TEMPLATE_SLOTS)[K]['slots'][number];
export type SlotValues<K extends NotifyKind> = Partial<Record<Slot<K>, string | Date>>;

export interface TemplateMapping {
  kind: NotifyKind;
  templateId: string;
  /** WeChat key → our slot, e.g. `thing1` → `title`. */
  fields: { key: string; slot: string }[];
}

export const NOTIFY_KINDS = Object.keys(TEMPLATE_SLOTS) as NotifyKind[];

/** `waitlist_offer` → `WECHAT_TEMPLATE_WAITLIST_OFFER`. */
export const templateVar = (kind: NotifyKind) => `WECHAT_TEMPLATE_${kind.toUpperCase()}`;

/** Parses one mapping; returns the problem in Chinese-free operator English when it is malformed. */
export function parseTemplate(kind: NotifyKind, raw: string): TemplateMapping | string {
  const [templateId, spec = ''] = raw.trim().split('|');
  if (!templateId || !/^[A-Za-z0-9_-]{1,64}$/.test(templateId)) {
    return 'expected <templateId>|<key>:<slot>,... (template id: letters, digits, - and _)';
  }
  const { slots, required } = TEMPLATE_SLOTS[kind];
  const fields: TemplateMapping['fields'] = [];
  for (const pair of spec.split(',').filter((p) => p.trim() !== '')) {
    const [key = '', slot = ''] = pair.split(':').map((s) => s.trim());
    if (!TEMPLATE_KEY.test(key)) return `"${key}" is not a WeChat template key (thing1, time2, phrase3 ...)`;
    if (!(slots as readonly string[]).includes(slot)) return `"${slot}" is not a value of ${kind} (${slots.join(', ')})`;
    fields.push({ key, slot });
  }
  const missing = required.filter((s) => !fields.some((f) => f.slot === s));
  if (missing.length > 0) return `must map ${missing.join(', ')}`;
  return { kind, templateId, fields };
}

/** Every mapping from the env; with `required`, a missing one is reported like a malformed one. */
export function readTemplates(
  source: Record<string, string | undefined>,
  required: boolean,
): { templates: TemplateMapping[]; problems: { variable: string; message: string }[] } {
  const templates: TemplateMapping[] = [];
  const problems: { variable: string; message: string }[] = [];
  for (const kind of NOTIFY_KINDS) {
    const variable = templateVar(kind);
    const raw = source[variable]?.trim();
    if (!raw) {
      if (required) problems.push({ variable, message: 'missing: required when SUBSCRIBE_MESSAGES=1' });
      continue;
    }
    const parsed = parseTemplate(kind, raw);
    if (typeof parsed === 'string') problems.push({ variable, message: parsed });
    else templates.push(parsed);
  }
  return { templates, problems };
}

/** WeChat's `data` for one message: each mapped key with its value fitted to the key's rule. */
export function templateData(mapping: TemplateMapping, values: Record<string, string | Date | undefined>) {
  const data: Record<string, { value: string }> = {};
  for (const { key, slot } of mapping.fields) {
    const value = values[slot];
    data[key] = { value: fitTemplateValue(key, value === undefined || value === '' ? '无' : value) };
  }
  return data;
}
