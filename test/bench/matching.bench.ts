/**
 * Matching and fan-out (`npm run bench -- --only matching`, or `npm run bench:fanout`):
 *
 *  1. the inverted-index matcher (`buildGroupIndex` + `matchGroups`) vs the plain scan
 *     (`matchGroupsNaive`) on 10k, 100k and 1M random group profiles (--quick: 10k and 100k), one
 *     policy, median of 21 / 15 / 7 runs after 5 warm-up runs each, same process; index build time
 *     reported on its own. Both must return the same groups with the same reasons (checked for
 *     three items: the policy, a national item, a keyword-only item). Heap used after building the
 *     1M profiles and their index (after a full GC) must fit the default heap limit.
 *  2. planning one broadcast to 10,000 groups through the real planner and database vs a bare
 *     `insertMany` of the same 10k delivery documents (planning.ts), median of 3 (--quick: 2,000
 *     groups, once).
 * About 1 min on the embedded server here (--quick: about 10 s). Last line: one JSON object with `figures`.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  AUDIENCES,
  buildGroupIndex,
  matchGroups,
  matchGroupsNaive,
  REGIONS,
  TOPICS,
  type GroupProfile,
  type MatchItem,
} from '@techbridge/shared';
import { benchPlanning } from './planning.js';
import { QUICK, figure, median, printFigures, printResult, round, timed, type Figure } from './support.js';

const SIZES = QUICK ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const RUNS: Record<number, number> = { 10_000: 21, 100_000: 15, 1_000_000: 7 };
const PLAN_GROUPS = QUICK ? 2_000 : 10_000;
const PLAN_REPETITIONS = QUICK ? 1 : 3;

// A full GC before reading the heap, so the figure is what stays alive, not garbage not yet collected.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMb = () => (gc(), process.memoryUsage().heapUsed / 2 ** 20);

// Deterministic profiles (the same generator as the earlier fanout bench, so figures compare).
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[], n: number) => Array.from({ length: n }, () => xs[Math.floor(rand() * xs.length)]!);
const provinces = REGIONS.filter((r) => r.code !== '000000' && r.code.endsWith('0000')).map((r) => r.code);
const topicIds = TOPICS.map((t) => t.id);
const audienceIds = AUDIENCES.map((a) => a.id);

function randomGroup(i: number): GroupProfile {
  return {
    id: `g${i}`,
    regions: rand() < 0.03 ? ['000000'] : pick(provinces, 1 + Math.floor(rand() * 2)),
    topics: pick(topicIds, 1 + Math.floor(rand() * 3)),
    audiences: rand() < 0.4 ? [] : pick(audienceIds, 1),
    keywords: rand() < 0.2 ? pick(['芯片', '基金', 'CAR-T', '挑战赛', '赋权', '孵化'], 1) : [],
  };
}

const policy: MatchItem = {
  regions: ['310000'],
  topics: ['poc', 'ownership-reform'],
  audiences: ['enterprise'],
  text: '上海市促进科技成果转移转化行动方案 概念验证 赋权',
};
const checkItems: MatchItem[] = [
  policy,
  { regions: ['000000'], topics: ['sci-finance'], audiences: [], text: '国家科技成果转化引导基金' },
  { regions: ['440000'], topics: [], audiences: ['researcher'], text: '芯片 CAR-T 挑战赛' },
];

const same = (a: ReturnType<typeof matchGroups>, b: ReturnType<typeof matchGroups>) =>
  a.length === b.length && a.every((m, i) => m.groupId === b[i]!.groupId && m.reason === b[i]!.reason);

const figures: Figure[] = [];
const sizes: Record<string, unknown> = {};
let heapAt1M: { heapMb: number; limitMb: number } | null = null;
const heapBefore = heapMb();
for (const n of SIZES) {
  const groups = Array.from({ length: n }, (_, i) => randomGroup(i));
  const built = await timed(() => buildGroupIndex(groups));
  const index = built.result;
  if (n === 1_000_000) heapAt1M = { heapMb: heapMb() - heapBefore, limitMb: v8.getHeapStatistics().heap_size_limit / 2 ** 20 };
  for (const item of checkItems) {
    if (!same(matchGroups(item, index), matchGroupsNaive(item, groups))) throw new Error(`index and scan disagree at ${n}`);
  }
  // Both sides get the same warm-up, so the medians compare optimized code with optimized code.
  for (let w = 0; w < 5; w++) {
    matchGroups(policy, index);
    matchGroupsNaive(policy, groups);
  }
  const indexMs: number[] = [];
  const naiveMs: number[] = [];
  let matches = 0;
  for (let r = 0; r < RUNS[n]!; r++) {
    const a = await timed(() => matchGroups(policy, index));
    const b = await timed(() => matchGroupsNaive(policy, groups));
    if (a.result.length !== b.result.length) throw new Error(`index and scan disagree at ${n}`);
    indexMs.push(a.ms);
    naiveMs.push(b.ms);
    matches = a.result.length;
  }
  const label = n >= 1_000_000 ? `${n / 1_000_000}M` : `${n / 1000}k`;
  console.log(
    `${label} groups (median of ${RUNS[n]}): index ${median(indexMs).toFixed(2)} ms, scan ${median(naiveMs).toFixed(2)} ms, ` +
      `${matches} matches, index build ${built.ms.toFixed(0)} ms`,
  );
  figures.push(
    figure(`match ${label} groups, ms`, median(indexMs), { baseline: median(naiveMs), onRatio: { '<=': 0.1 }, digits: 3 }),
    figure(`index build ${label} groups, ms`, built.ms),
  );
  sizes[label] = {
    index_ms: round(median(indexMs), 3),
    naive_ms: round(median(naiveMs), 3),
    speedup: round(median(naiveMs) / median(indexMs), 1),
    build_ms: Math.round(built.ms),
    matches,
  };
}
if (heapAt1M) {
  console.log(`1M profiles + index: ${heapAt1M.heapMb.toFixed(0)} MB of heap (limit ${heapAt1M.limitMb.toFixed(0)} MB)`);
  figures.push(figure('heap for 1M profiles + index, MB', heapAt1M.heapMb, { onValue: { '<=': Math.round(heapAt1M.limitMb) } }));
}

const plan = await benchPlanning(PLAN_GROUPS, PLAN_REPETITIONS, randomGroup);
console.log(
  `planning ${plan.groups} groups (median of ${plan.repetitions}): ${plan.planMs.toFixed(0)} ms, bare insertMany of the same ` +
    `deliveries ${plan.insertMs.toFixed(0)} ms; ${plan.written} written; group directory cold load ${plan.coldLoadMs.toFixed(0)} ms (not included)`,
);
const planLabel = `${PLAN_GROUPS / 1000}k`;
figures.push(
  figure(`plan broadcast to ${planLabel} groups, ms`, plan.planMs, { baseline: plan.insertMs, onRatio: { '<=': 1.5 } }),
  figure(`deliveries written (of ${PLAN_GROUPS})`, plan.written, { onValue: { '=': PLAN_GROUPS } }),
  figure(`group directory cold load ${planLabel}, ms`, plan.coldLoadMs),
);
printFigures('matching and fan-out (ratio = value / baseline: index / scan, plan / bare insertMany)', figures);
printResult({
  figures,
  sizes,
  heap_1m_mb: heapAt1M ? Math.round(heapAt1M.heapMb) : null,
  heap_limit_mb: heapAt1M ? Math.round(heapAt1M.limitMb) : null,
  plan_groups: plan.groups,
  plan_ms: Math.round(plan.planMs),
  plan_insert_baseline_ms: Math.round(plan.insertMs),
  plan_written: plan.written,
  group_directory_cold_load_ms: Math.round(plan.coldLoadMs),
});
if (plan.written !== PLAN_GROUPS) process.exit(1);
