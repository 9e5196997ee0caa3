import { NATIONAL, regionMatches, regionName, replies } from '@techbridge/shared';
import { ensureEventCode } from '../../events/eventCodes.js';
import type { EventDoc } from '../../models/index.js';
import { storedProfile, type CommandHandler } from './types.js';

const LISTED = 5;

/**
 * 近期活动 [region]: published events still to come in the region asked for (or the group's regions;
 * national events count everywhere), each with its short code. None there: the nearest elsewhere.
 */
export const upcomingEvents: CommandHandler<'upcomingEvents'> = async (ctx, cmd) => {
  const { models } = ctx.deps;
  const now = ctx.deps.now();
  const upcoming = await models.Event.find({ status: 'published', startsAt: { $gt: now } })
    .sort({ startsAt: 1, _id: 1 })
    .limit(200)
    .lean<EventDoc[]>();
  const wanted = cmd.region ? [cmd.region] : storedProfile(ctx.group).regions;
  const inRegion = (e: EventDoc) =>
    wanted.length === 0 || wanted.includes(NATIONAL) || (e.regions ?? []).some((r) => wanted.some((w) => regionMatches(r, w)));
  const here = upcoming.filter(inRegion).slice(0, LISTED);
  const shown = here.length ? here : upcoming.slice(0, 3);
  const items = await Promise.all(
    shown.map(async (e) => ({
      title: e.title,
      startsAt: e.startsAt,
      place: e.venue ?? null,
      // Events from before codes existed get theirs the first time they are listed.
      code: await ensureEventCode(models, e, { now }),
    })),
  );
  const region = cmd.regionWord ?? (wanted.length ? wanted.map(regionName).join('、') : undefined);
  return replies.events({ items, region, fallback: here.length === 0 });
};
