import { Types } from 'mongoose';
import type { NotifyKind } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import { insertOnce } from '../db/duplicateKey.js';
import { templateData, type SlotValues } from './templates.js';

/** One message to one person for one reason, before it is recorded. */
export interface Notice<K extends NotifyKind = NotifyKind> {
  /** The reason, unique: the same reason is recorded (and sent) once. */
  key: string;
  userId: string | Types.ObjectId;
  kind: K;
  eventId?: string | Types.ObjectId | null;
  /** Mini-program page the message opens, e.g. `pages/event/detail?id=…`. */
  page: string;
  values: SlotValues<K>;
}

/**
 * Records messages for the sender, rendered now through their template mapping. Returns how many
 * were new; a reason already recorded (an earlier pass, another instance) is skipped by its unique
 * `_id`. Records nothing when subscribe messages are off.
 */
export async function recordNotices(deps: Deps, notices: Notice[]): Promise<number> {
  if (!deps.env.SUBSCRIBE_MESSAGES) return 0;
  const now = deps.now();
  let created = 0;
  for (const n of notices) {
    const mapping = deps.env.templates.find((t) => t.kind === n.kind);
    if (!mapping) continue; // cannot happen when sending is on: env.ts requires every mapping
    const inserted = await insertOnce(deps.models.Notification, {
      _id: n.key,
      user: new Types.ObjectId(String(n.userId)),
      event: n.eventId ? new Types.ObjectId(String(n.eventId)) : null,
      kind: n.kind,
      templateId: mapping.templateId,
      page: n.page,
      data: templateData(mapping, n.values as Record<string, string | Date | undefined>),
      status: 'pending',
      claims: 0,
      attempts: 0,
      creditSpent: false,
      calledAt: null,
      lastError: null,
      notBefore: now,
      leaseUntil: null,
      sentAt: null,
      createdAt: now,
      updatedAt: now,
    });
    if (inserted) created++;
  }
  return created;
}

/**
 * The same, for commands whose own work is already done: a failure to record a message is logged,
 * never turned into an error for the person whose sign-up or cancel just succeeded.
 */
export async function tell(deps: Deps, notices: Notice[]): Promise<void> {
  try {
    await recordNotices(deps, notices);
  } catch (err) {
    deps.logger.warn({ err, kinds: [...new Set(notices.map((n) => n.kind))] }, 'recording notifications failed');
  }
}
