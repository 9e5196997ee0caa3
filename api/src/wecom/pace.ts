import type { Models } from '../models/index.js';
import { insertOnce, isDuplicateKey } from '../db/duplicateKey.js';

const WINDOW_MS = 60_000;
/** Slot attempts before giving up for this round (only lost races with another sender end here). */
const TRIES = 5;

export type Slot = { ok: true } | { ok: false; at: Date };

interface PaceDoc {
  _id: string;
  sends?: Date[];
  pausedUntil?: Date | null;
  v?: number;
}

/**
 * Takes one send slot for robot `groupId` at `now`: refused while paused after 45009, or when `perMinute`
 * messages already went out in the last 60 s (then `at` says when the oldest leaves the window). Taking is a
 * conditional update on the version the caller read, so two senders cannot both take the last slot.
 */
export async function takeSlot(models: Models, groupId: string, now: Date, perMinute: number): Promise<Slot> {
  for (let i = 0; i < TRIES; i++) {
    const doc = await models.WecomPace.findById(groupId).lean<PaceDoc>();
    if (!doc) {
      if (await insertOnce(models.WecomPace, { _id: groupId, sends: [now], pausedUntil: null, v: 1 })) return { ok: true };
      continue;
    }
    if (doc.pausedUntil && doc.pausedUntil > now) return { ok: false, at: new Date(doc.pausedUntil) };
    const recent = (doc.sends ?? [])
      .map((t) => new Date(t))
      .filter((t) => t.getTime() > now.getTime() - WINDOW_MS)
      .sort((a, b) => a.getTime() - b.getTime());
    if (recent.length >= perMinute) {
      return { ok: false, at: new Date(recent[recent.length - perMinute]!.getTime() + WINDOW_MS) };
    }
    const v = doc.v ?? 0;
    const { matchedCount } = await models.WecomPace.updateOne(
      { _id: groupId, v },
      { $set: { sends: [...recent, now], v: v + 1 } },
    );
    if (matchedCount === 1) return { ok: true };
  }
  return { ok: false, at: new Date(now.getTime() + 1000) };
}

/** WeCom said 45009: nothing more goes to this robot until `until`. */
export async function pauseRobot(models: Models, groupId: string, until: Date): Promise<void> {
  await models.WecomPace.updateOne({ _id: groupId }, { $set: { pausedUntil: until }, $inc: { v: 1 } }, { upsert: true }).catch(
    async (e: unknown) => {
      // Two pausers creating the document at once: the loser updates the winner's row.
      if (!isDuplicateKey(e)) throw e;
      await models.WecomPace.updateOne({ _id: groupId }, { $set: { pausedUntil: until }, $inc: { v: 1 } });
    },
  );
}
