import type { OpenInput } from '@techbridge/shared';
import { Types } from 'mongoose';
import type { Deps } from '../deps.js';
import { isDuplicateKey } from '../db/duplicateKey.js';
import { notFound, validationFailed } from '../errors.js';
import type { DeliveryDoc, Models } from '../models/index.js';
import { groupOfChatCode } from './outcomes.js';

/** Where a tracking code leads: the push (or chat) it came from, the group, the channel, the item. */
export interface CodeTarget {
  broadcast: Types.ObjectId | null;
  group: Types.ObjectId;
  channel: 'wechat' | 'wecom';
  itemType: 'event' | 'policy' | 'program';
  item: Types.ObjectId;
}

const pageMismatch = () => validationFailed([{ field: 'page', label: '页面', message: '与推送链接不符' }]);

/**
 * Resolves `t` for the page it was opened on. Unknown codes are a 400 naming `t`; a page other than
 * the one the code's push linked to is a 400 naming `page` (links are not reused across items).
 */
export async function resolveCode(models: Models, input: OpenInput): Promise<CodeTarget> {
  const chatGroup = groupOfChatCode(input.t);
  if (chatGroup) {
    const group = await models.Group.findById(chatGroup, { channel: 1 }).lean();
    if (!group) throw validationFailed([{ field: 't', label: '来源编码', message: '不存在或已失效' }]);
    // The bot only hands out event links; an event that is gone is a 404 like any missing page.
    if (input.page.kind !== 'event') throw pageMismatch();
    if (!(await models.Event.exists({ _id: input.page.id }))) throw notFound('活动');
    return {
      broadcast: null,
      group: group._id,
      channel: group.channel === 'wecom' ? 'wecom' : 'wechat',
      itemType: 'event',
      item: new Types.ObjectId(input.page.id),
    };
  }
  const delivery = await models.Delivery.findOne({ trackingCode: input.t }, { broadcast: 1, group: 1, channel: 1 }).lean<
    Pick<DeliveryDoc, 'broadcast' | 'group' | 'channel'>
  >();
  if (!delivery) throw validationFailed([{ field: 't', label: '来源编码', message: '不存在或已失效' }]);
  const broadcast = await models.Broadcast.findById(delivery.broadcast, { sourceType: 1, sourceId: 1 }).lean();
  if (!broadcast?.sourceType || String(broadcast.sourceId) !== input.page.id || broadcast.sourceType !== input.page.kind) {
    throw pageMismatch();
  }
  return {
    broadcast: delivery.broadcast,
    group: delivery.group,
    channel: delivery.channel === 'wecom' ? 'wecom' : 'wechat',
    itemType: broadcast.sourceType,
    item: broadcast.sourceId!,
  };
}

/**
 * Records that a visitor opened a pushed link, once per (code, visitor): the insert of `<code>:<visitor>`
 * is the whole guard, so a storm of the same open writes one record. A new record then raises the code's
 * tally to a fresh count. Returns whether this call wrote the record.
 */
export async function recordOpen(deps: Deps, input: OpenInput, userId: string | undefined): Promise<boolean> {
  const { models } = deps;
  const visitor = userId ? `u:${userId}` : input.visitor ? `v:${input.visitor}` : null;
  if (!visitor) throw validationFailed([{ field: 'visitor', label: '访客编号', message: '未登录时必须提供' }]);
  const target = await resolveCode(models, input);
  try {
    await models.Open.collection.insertOne({
      _id: `${input.t}:${visitor}`,
      code: input.t,
      user: userId ? new Types.ObjectId(userId) : null,
      ...target,
      at: deps.now(),
    } as never);
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
  await recountTally(models, input.t, target);
  return true;
}

/**
 * Sets the code's tally to the number of its opens, never lowering it: counts only grow, so whichever
 * concurrent recount finishes last leaves the exact figure, and a recount lost to a crash is made up by
 * the code's next open.
 */
export async function recountTally(models: Models, code: string, target: CodeTarget): Promise<void> {
  const opens = await models.Open.countDocuments({ code });
  const write = () => models.OpenTally.updateOne({ _id: code }, { $max: { opens }, $setOnInsert: target }, { upsert: true });
  try {
    await write();
  } catch (e) {
    // Two first opens of a code upsert at once: one inserts, the other's insert collides; now it updates.
    if (!isDuplicateKey(e)) throw e;
    await write();
  }
}
