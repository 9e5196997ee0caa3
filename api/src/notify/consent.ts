import { Types } from 'mongoose';
import type { NotifyKind } from '@techbridge/shared';
import type { Models } from '../models/index.js';
import { isDuplicateKey } from '../db/duplicateKey.js';

const idOf = (userId: string, kind: NotifyKind) => `${userId}:${kind}`;

/**
 * Adds one credit per accepted template. The first grant creates the ledger row by upsert; two first
 * grants at once race on its unique `_id`, and the loser simply adds its credit to the winner's row.
 */
export async function grantCredits(models: Models, userId: string, kinds: NotifyKind[]): Promise<void> {
  for (const kind of kinds) {
    const filter = { _id: idOf(userId, kind) };
    const update = { $inc: { credits: 1 }, $setOnInsert: { user: new Types.ObjectId(userId), kind } };
    try {
      await models.Consent.updateOne(filter, update, { upsert: true });
    } catch (e) {
      if (!isDuplicateKey(e)) throw e;
      await models.Consent.updateOne(filter, { $inc: { credits: 1 } });
    }
  }
}

/** Takes one credit if there is one: a conditional update, so two senders never share a credit. */
export async function takeCredit(models: Models, userId: string, kind: string): Promise<boolean> {
  const { matchedCount } = await models.Consent.updateOne(
    { _id: `${userId}:${kind}`, credits: { $gt: 0 } },
    { $inc: { credits: -1 } },
  );
  return matchedCount === 1;
}

/** Gives a credit back when WeChat never took the message (it still counts the consent as unused). */
export async function refundCredit(models: Models, userId: string, kind: string): Promise<void> {
  await models.Consent.updateOne({ _id: `${userId}:${kind}` }, { $inc: { credits: 1 } });
}

/** WeChat said the person has no subscription left for this template (43101): our ledger agrees from now on. */
export async function clearCredits(models: Models, userId: string, kind: string): Promise<void> {
  await models.Consent.updateOne({ _id: `${userId}:${kind}` }, { $set: { credits: 0 } });
}

/** Credits per kind for one person (kinds never granted are absent). */
export async function creditsOf(models: Models, userId: string): Promise<Map<string, number>> {
  const rows = await models.Consent.find({ user: userId }, { kind: 1, credits: 1 }).lean();
  return new Map(rows.map((r) => [r.kind, r.credits ?? 0]));
}
