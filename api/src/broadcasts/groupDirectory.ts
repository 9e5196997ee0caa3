import { buildGroupIndex, type GroupIndex, type GroupProfile } from '@techbridge/shared';
import type { Schema } from 'mongoose';
import type { GroupDoc, Models } from '../models/index.js';
import { readTokens, trackChanges } from '../db/changeTokens.js';

/** Every write to `groups` (any instance, any code path) moves its change token (db/changeTokens.ts). */
export function trackGroupChanges(schema: Schema): void {
  trackChanges(schema);
}

/** A group as the directory holds it: only the fields it loads (no managers, no timestamps). */
export type DirectoryGroup = Pick<
  GroupDoc,
  '_id' | 'roomId' | 'channel' | 'topic' | 'profile' | 'delivery' | 'botAccount' | 'status'
>;

/**
 * The active groups and their inverted index, kept in memory by each api instance. Reading 10k
 * groups and rebuilding the index costs far more than a lookup by `_id`, so the planner reloads
 * only when the change token moved: one lookup by `_id` per plan.
 */
export class GroupDirectory {
  private token: string | null = null;
  private loaded = false;
  groups: DirectoryGroup[] = [];
  byId = new Map<string, DirectoryGroup>();
  index: GroupIndex = buildGroupIndex([]);

  async refresh(models: Models): Promise<this> {
    const token = await readTokens(models.conn, ['groups']);
    if (this.loaded && token === this.token) return this;
    const all = await models.Group.find(
      {},
      { roomId: 1, topic: 1, channel: 1, profile: 1, delivery: 1, botAccount: 1, status: 1 },
    ).lean<DirectoryGroup[]>();
    this.groups = all.filter((g) => g.status === 'active');
    this.byId = new Map(this.groups.map((g) => [String(g._id), g]));
    this.index = buildGroupIndex(this.groups.map(profileOf));
    this.token = token;
    this.loaded = true;
    return this;
  }
}

export const profileOf = (g: Pick<GroupDoc, '_id' | 'profile'>): GroupProfile => ({
  id: String(g._id),
  regions: g.profile?.regions ?? [],
  topics: g.profile?.topics ?? [],
  audiences: g.profile?.audiences ?? [],
  keywords: g.profile?.keywords ?? [],
});
