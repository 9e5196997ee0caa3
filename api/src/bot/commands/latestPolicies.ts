import {
  audienceLabel,
  matchGroupsNaive,
  nearestTerms,
  regionMatches,
  regionName,
  replies,
  trackingUrl,
} from '@techbridge/shared';
import type { FilterQuery } from 'mongoose';
import { escapeRegex } from '../../lib/query.js';
import type { PolicyDoc } from '../../models/index.js';
import { storedProfile, type CommandContext, type CommandHandler } from './types.js';

const LISTED = 5;
/** How many of the newest policies are checked against the group's profile. */
const SCANNED = 200;

const newest = (ctx: CommandContext, filter: FilterQuery<PolicyDoc>, limit: number) =>
  ctx.deps.models.Policy.find({ ...filter, status: 'published' })
    .sort({ publishedAt: -1, _id: -1 })
    .limit(limit)
    .lean<PolicyDoc[]>();

const listed = (ctx: CommandContext, docs: PolicyDoc[]) =>
  docs.slice(0, LISTED).map((d) => ({
    title: d.title,
    url: trackingUrl(ctx.deps.env.H5_BASE_URL, '/pages/policy/detail', { id: String(d._id), t: 'cmd' }),
  }));

/**
 * 最新政策 [keyword]: with a keyword, the newest whose title or summary has it; without, the newest the
 * group's profile matches (as a push would), else without its audience filter, else in its regions.
 * No hit: say what was searched and list the newest overall.
 */
export const latestPolicies: CommandHandler<'latestPolicies'> = async (ctx, { keyword }) => {
  if (keyword) {
    const re = new RegExp(escapeRegex(keyword), 'i');
    const hits = await newest(ctx, { $or: [{ title: re }, { summary: re }] }, LISTED);
    if (hits.length) return replies.policies({ items: listed(ctx, hits), keyword, fallback: false });
    const near = nearestTerms(keyword).filter((n) => n !== keyword);
    return replies.policies({ items: listed(ctx, await newest(ctx, {}, 3)), keyword, near, fallback: true });
  }
  const profile = storedProfile(ctx.group);
  const recent = await newest(ctx, {}, SCANNED);
  const matching = (p: typeof profile) =>
    recent.filter(
      (d) =>
        matchGroupsNaive(
          {
            regions: d.regions ?? [],
            topics: d.topics ?? [],
            audiences: d.audiences ?? [],
            text: `${d.title} ${d.summary ?? ''}`,
          },
          [{ id: 'asking', ...p }],
        ).length > 0,
    );
  const matched = matching(profile);
  if (matched.length) return replies.policies({ items: listed(ctx, matched), fallback: false });
  // An audience filter (投资机构) excludes most policies, which rarely name one: drop it before giving up.
  if (profile.audiences.length) {
    const relaxed = matching({ ...profile, audiences: [] });
    const withoutAudiences = profile.audiences.map(audienceLabel).join('、');
    if (relaxed.length) return replies.policies({ items: listed(ctx, relaxed), withoutAudiences, fallback: true });
  }
  // Then the group's regions alone (national items count everywhere): still news for this group.
  const inRegion = recent.filter((d) => (d.regions ?? []).some((r) => profile.regions.some((g) => regionMatches(r, g))));
  if (inRegion.length) {
    const regionOnly = profile.regions.map(regionName).join('、');
    return replies.policies({ items: listed(ctx, inRegion), regionOnly, fallback: true });
  }
  const scope = profile.regions.map(regionName).join('、') || undefined;
  return replies.policies({ items: listed(ctx, recent.slice(0, 3)), scope, fallback: true });
};
