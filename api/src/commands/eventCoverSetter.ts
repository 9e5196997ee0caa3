import type { Context } from 'koa';
import type { Types } from 'mongoose';
import { conflict, notFound } from '../errors.js';
import { audit } from '../lib/audit.js';
import type { EventDoc } from '../models/index.js';
import { ownerGuard } from '../policies/index.js';
import type { CoverImage } from '../images/coverImage.js';

/** The public path of a stored image; the mini-program puts the api's origin in front. */
const imagePath = (id: Types.ObjectId | string) => `/api/v1/images/${String(id)}`;

const idOf = (coverUrl: string | null | undefined) => coverUrl?.match(/\/images\/([0-9a-f]{24})$/)?.[1] ?? null;

/**
 * Sets (or with `cover: null` removes) an event's cover. The picture is stored first, then the event
 * points at it in one conditional update (still the caller's, not cancelled), so a reader never sees
 * a `coverUrl` without its picture; the picture it replaces is deleted afterwards. A crash between
 * the two leaves an unreferenced picture, never a broken link.
 */
export async function eventCoverSetter(ctx: Context, eventId: string, cover: CoverImage | null): Promise<EventDoc> {
  const { models } = ctx.deps;
  const user = ctx.state.user!;
  const before = await models.Event.findById(eventId, { coverUrl: 1, status: 1 }).lean<EventDoc>();
  if (!before) throw notFound('活动');
  if (before.status === 'cancelled') throw conflict('活动已取消，不能再修改');

  const image = cover ? await models.Image.create({ ...cover, event: before._id, createdBy: user.id }) : null;
  const coverUrl = image ? imagePath(image._id) : null;
  const { matchedCount } = await models.Event.updateOne(
    { _id: before._id, status: { $ne: 'cancelled' }, ...ownerGuard(user, 'event', 'update') },
    { $set: { coverUrl } },
  );
  if (matchedCount === 0) {
    if (image) await models.Image.deleteOne({ _id: image._id });
    throw conflict('活动刚刚被修改或已取消，请刷新后重试');
  }
  const previous = idOf(before.coverUrl);
  if (previous) await models.Image.deleteOne({ _id: previous, event: before._id });
  await audit(ctx, cover ? 'event.cover' : 'event.coverRemove', 'event', eventId, { coverUrl });
  return (await models.Event.findById(eventId).lean<EventDoc>())!;
}
