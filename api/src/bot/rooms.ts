import { commandHelp, replies } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import { isDuplicateKey } from '../db/duplicateKey.js';
import type { GroupDoc } from '../models/index.js';
import { presentDelivery, presentGroup } from '../presenters/group.js';

/**
 * The bot was invited to (or found itself in) a room: register it by id, or bring it back if
 * it had been removed. The topic is only a label and follows renames. Idempotent.
 */
export async function registerRoom(
  deps: Deps,
  account: string,
  roomId: string,
  topic: string,
): Promise<{ group: GroupDoc; helpText: string }> {
  const { models } = deps;
  await models.Group.updateOne(
    { roomId },
    {
      $set: { topic, botAccount: account, status: 'active' },
      $setOnInsert: {
        roomId,
        profile: { regions: [], topics: [], audiences: [], keywords: [] },
        delivery: { mode: 'instant', digestAt: '09:00', quietHours: null },
        managers: [],
      },
    },
    { upsert: true },
  ).catch(async (e) => {
    if (!isDuplicateKey(e)) throw e;
    await models.Group.updateOne({ roomId }, { $set: { topic, botAccount: account, status: 'active' } });
  });
  // Groups are never deleted, so the row the upsert above wrote (or found) is there.
  const group = (await models.Group.findOne({ roomId }).lean())!;
  return { group, helpText: replies.welcome(deps.env.BOT_NAME, commandHelp(deps.env.BOT_NAME)) };
}

/** The bot was removed: the group stops receiving, and what was waiting for it is skipped. */
export async function removeRoom(deps: Deps, roomId: string) {
  const group = await deps.models.Group.findOneAndUpdate({ roomId }, { $set: { status: 'removed' } }, { new: true }).lean();
  if (!group) return;
  await deps.models.Delivery.updateMany(
    { group: group._id, status: 'pending' },
    { $set: { status: 'skipped', lastError: '机器人已被移出该群' } },
  );
}

/** A room's profile and delivery settings as the api holds them (for the development console). */
export async function roomProfile(deps: Deps, roomId: string) {
  const group = await deps.models.Group.findOne({ roomId }).lean();
  if (!group) {
    return {
      known: false,
      status: null,
      topic: null,
      profile: { regions: [], topics: [], audiences: [], keywords: [] },
      delivery: presentDelivery({ delivery: undefined } as unknown as GroupDoc),
      managerNames: [],
    };
  }
  const shown = presentGroup(group);
  return {
    known: true,
    status: shown.status,
    topic: shown.topic,
    profile: shown.profile,
    delivery: shown.delivery,
    managerNames: shown.managers.map((m) => m.name),
  };
}
