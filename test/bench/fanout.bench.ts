/**
 * `npm run bench:fanout`: (1) match one policy against 100,000 group profiles with the inverted
 * index vs a naive scan of the same data, median of several runs, same process; (2) plan one
 * broadcast to 10,000 groups through the real planner and database (deliveries written).
 * Last line: one JSON object.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  buildGroupIndex,
  matchGroups,
  matchGroupsNaive,
  REGIONS,
  TOPICS,
  AUDIENCES,
  type GroupProfile,
} from '@techbridge/shared';
import { parseEnv } from '../../api/src/env.js';
import { startApi } from '../../api/src/server.js';
import { planOccurrence } from '../../api/src/broadcasts/planner.js';

const GROUPS = 100_000;
const RUNS = 15;
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[], n: number) => Array.from({ length: n }, () => xs[Math.floor(rand() * xs.length)]!);
const provinces = REGIONS.filter((r) => r.code !== '000000' && r.code.endsWith('0000')).map((r) => r.code);

function randomGroup(i: number): GroupProfile {
  return {
    id: `g${i}`,
    regions: rand() < 0.03 ? ['000000'] : pick(provinces, 1 + Math.floor(rand() * 2)),
    topics: pick(
      TOPICS.map((t) => t.id),
      1 + Math.floor(rand() * 3),
    ),
    audiences:
      rand() < 0.4
        ? []
        : pick(
            AUDIENCES.map((a) => a.id),
            1,
          ),
    keywords: rand() < 0.2 ? pick(['芯片', '基金', 'CAR-T', '挑战赛', '赋权', '孵化'], 1) : [],
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const groups = Array.from({ length: GROUPS }, (_, i) => randomGroup(i));
const policy = {
  regions: ['310000'],
  topics: ['poc', 'ownership-reform'],
  audiences: ['enterprise'],
  text: '上海市促进科技成果转移转化行动方案 概念验证 赋权',
};
let t = performance.now();
const index = buildGroupIndex(groups);
const buildMs = performance.now() - t;

// Both sides get the same warm-up runs, so the medians compare optimized code with optimized code.
for (let w = 0; w < 5; w++) {
  matchGroups(policy, index);
  matchGroupsNaive(policy, groups);
}
const matchTimes: number[] = [];
const naiveTimes: number[] = [];
let matched = 0;
for (let r = 0; r < RUNS; r++) {
  t = performance.now();
  const a = matchGroups(policy, index);
  matchTimes.push(performance.now() - t);
  t = performance.now();
  const b = matchGroupsNaive(policy, groups);
  naiveTimes.push(performance.now() - t);
  if (a.length !== b.length) throw new Error(`index and naive disagree: ${a.length} vs ${b.length}`);
  matched = a.length;
}
const matchMs = median(matchTimes);
const naiveMs = median(naiveTimes);
console.log(
  `matching ${GROUPS} groups (median of ${RUNS}): index ${matchMs.toFixed(2)} ms, naive ${naiveMs.toFixed(2)} ms, ${matched} matches, index build ${buildMs.toFixed(0)} ms`,
);

// Planning: 10,000 active groups in a fresh database, one manual broadcast to all of them.
const PLAN_GROUPS = 10_000;
const baseUri = process.env.MONGODB_URI!.replace(/\/[^/]*$/, '/');
const dbName = `bench_fanout_${randomBytes(3).toString('hex')}`;
const env = parseEnv({
  MONGODB_URI: baseUri + dbName,
  JWT_SECRET: randomBytes(32).toString('hex'),
  PORT: '0',
  LOG_LEVEL: 'silent',
  SWEEP_INTERVAL_MS: '0',
  SCHEDULER_TICK_MS: '0',
});
const api = await startApi(env, { sweep: false, scheduler: false });
const { models } = api.deps;
for (let i = 0; i < PLAN_GROUPS; i += 1000) {
  await models.Group.insertMany(
    Array.from({ length: 1000 }, (_, j) => ({
      roomId: `bench-${i + j}@chatroom`,
      topic: `基准测试群 ${i + j}`,
      profile: randomGroup(i + j),
      status: 'active',
    })),
    { ordered: false },
  );
}
const broadcast = (
  await models.Broadcast.create({
    title: '基准测试群发',
    text: '测试内容',
    kind: 'manual',
    audience: { kind: 'all' },
    schedule: { kind: 'now' },
  })
).toObject();
// A running api keeps its group directory warm (reloaded only when a group changes); the cold
// load is reported separately because FerretDB scans the whole collection to read it.
t = performance.now();
await api.deps.groups.refresh(models);
const coldLoadMs = performance.now() - t;
t = performance.now();
const planned = await planOccurrence(api.deps, broadcast, new Date());
const planMs = performance.now() - t;
const written = await models.Delivery.countDocuments({ broadcast: broadcast._id });
console.log(
  `planning: ${planned.groups} deliveries planned, ${written} in the database, ${planMs.toFixed(0)} ms (group directory cold load ${coldLoadMs.toFixed(0)} ms, not included)`,
);
await models.conn.dropDatabase();
await api.stop();

const result = {
  groups: GROUPS,
  match_ms: Number(matchMs.toFixed(3)),
  naive_ms: Number(naiveMs.toFixed(3)),
  speedup: Number((naiveMs / matchMs).toFixed(1)),
  matches: matched,
  plan_10k_ms: Math.round(planMs),
  plan_10k_written: written,
  group_directory_cold_load_ms: Math.round(coldLoadMs),
};
console.log(JSON.stringify(result));
if (written !== PLAN_GROUPS) process.exit(1);
