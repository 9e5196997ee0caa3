/**
 * Fan-out planning for the matching bench: one broadcast to N active groups through the real
 * planner and database (planOccurrence: occurrence row, group directory, match, render, delivery
 * inserts), against a bare driver `insertMany` of the very same delivery documents, in batches of
 * the planner's size, into a collection with the same indexes. Repeated with a new broadcast
 * each time, alternating plan / insert, so both collections grow alike.
 */
import type { IndexDirection } from 'mongodb';
import { startApi } from '../../api/src/server.js';
import { planOccurrence } from '../../api/src/broadcasts/planner.js';
import { benchEnv, freshDatabaseUri, median, timed } from './support.js';
import type { GroupProfile } from '@techbridge/shared';

const BATCH = 1000; // the planner's batch size (api/src/broadcasts/planner.ts)

export interface PlanningResult {
  groups: number;
  repetitions: number;
  planMs: number;
  insertMs: number;
  written: number;
  coldLoadMs: number;
}

export async function benchPlanning(
  n: number,
  repetitions: number,
  profile: (i: number) => GroupProfile,
): Promise<PlanningResult> {
  const { uri, name } = freshDatabaseUri('fanout');
  const api = await startApi(benchEnv(uri), { sweep: false, scheduler: false });
  const { models } = api.deps;
  const rawDb = models.conn.getClient().db(`${name}_raw`);
  const raw = rawDb.collection('deliveries');
  try {
    for (const [fields, options] of models.Delivery.schema.indexes()) {
      await raw.createIndex(fields as Record<string, IndexDirection>, options as object);
    }
    for (let i = 0; i < n; i += BATCH) {
      await models.Group.insertMany(
        Array.from({ length: Math.min(BATCH, n - i) }, (_, j) => ({
          roomId: `bench-${i + j}@chatroom`,
          topic: `基准测试群 ${i + j}`,
          profile: profile(i + j),
          status: 'active',
        })),
        { ordered: false },
      );
    }
    // A running api keeps its group directory warm (reloaded only when a group changes); the cold
    // load (reading every active group and building the index) is reported on its own.
    const cold = await timed(() => api.deps.groups.refresh(models));

    const planMs: number[] = [];
    const insertMs: number[] = [];
    let written = 0;
    for (let r = 0; r < repetitions; r++) {
      const broadcast = (
        await models.Broadcast.create({
          title: `基准测试群发 ${r + 1}`,
          text: '测试内容',
          kind: 'manual',
          audience: { kind: 'all' },
          schedule: { kind: 'now' },
        })
      ).toObject();
      planMs.push((await timed(() => planOccurrence(api.deps, broadcast, new Date()))).ms);
      const docs = await models.Delivery.collection.find({ broadcast: broadcast._id }).toArray();
      written = docs.length;
      // Fresh _ids so the copy is a new set of rows, as the planner's were.
      const copies = docs.map((d) => ({ ...d, _id: `${String(d._id)}:raw` }));
      const inserted = await timed(async () => {
        for (let i = 0; i < copies.length; i += BATCH) {
          await raw.insertMany(copies.slice(i, i + BATCH) as never[], { ordered: false });
        }
      });
      insertMs.push(inserted.ms);
    }
    return { groups: n, repetitions, planMs: median(planMs), insertMs: median(insertMs), written, coldLoadMs: cold.ms };
  } finally {
    await models.conn.dropDatabase().catch((e) => console.error(`could not drop ${name}: ${(e as Error).message}`));
    await rawDb.dropDatabase().catch((e) => console.error(`could not drop ${name}_raw: ${(e as Error).message}`));
    await api.stop();
  }
}
