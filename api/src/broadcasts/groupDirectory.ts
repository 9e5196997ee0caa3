import { randomUUID } from 'node:crypto';
import { buildGroupIndex, type GroupIndex, type GroupProfile } from '@techbridge/shared';
import type { Connection, Schema } from 'mongoose';
import type { Models } from '../models/index.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- lean docs */

const KEY = 'groups';

/**
 * Every write to `groups` (any instance, any code path) stores a fresh random token in
 * `meta/groups`, via these mongoose hooks. A random value, not a counter: FerretDB v1 loses
 * concurrent $inc, but any write still changes the token.
 */
export function trackGroupChanges(schema: Schema): void {
  const bump = async (conn: Connection | undefined) => {
    await conn?.collection('meta').updateOne({ _id: KEY } as any, { $set: { v: randomUUID() } }, { upsert: true });
  };
  schema.post('save', async function (this: any) {
    await bump(this.constructor?.db);
  });
  schema.post(
    ['updateOne', 'updateMany', 'findOneAndUpdate', 'deleteOne', 'deleteMany', 'replaceOne'],
    async function (this: any) {
      await bump(this.model?.db);
    },
  );
  schema.post('insertMany', async function (this: any) {
    await bump(this.db);
  });
}

/**
 * The active groups and their inverted index, kept in memory by each api instance. Reading 10k
 * groups costs seconds on FerretDB (every filtered query scans the collection), so the planner
 * reloads only when the change token moved: one lookup by `_id` per plan.
 */
export class GroupDirectory {
  private token: string | undefined | null = null;
  private loaded = false;
  groups: any[] = [];
  byId = new Map<string, any>();
  index: GroupIndex = buildGroupIndex([]);

  async refresh(models: Models): Promise<this> {
    const meta: any = await models.conn.collection('meta').findOne({ _id: KEY } as any);
    const token = meta?.v as string | undefined;
    if (this.loaded && token === this.token) return this;
    const all: any[] = await models.Group.find(
      {},
      { roomId: 1, topic: 1, profile: 1, delivery: 1, botAccount: 1, status: 1 },
    ).lean();
    this.groups = all.filter((g) => g.status === 'active');
    this.byId = new Map(this.groups.map((g) => [String(g._id), g]));
    this.index = buildGroupIndex(this.groups.map(profileOf));
    this.token = token;
    this.loaded = true;
    return this;
  }
}

export const profileOf = (g: any): GroupProfile => ({
  id: String(g._id),
  regions: g.profile?.regions ?? [],
  topics: g.profile?.topics ?? [],
  audiences: g.profile?.audiences ?? [],
  keywords: g.profile?.keywords ?? [],
});
