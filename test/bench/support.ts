/**
 * Shared helpers of the benchmarks: statistics, the one JSON result line every bench ends with,
 * a fresh database per run, the api env for benches, seeding, and the figure rows that
 * `npm run bench` turns into the Markdown table (test/bench/report.ts).
 */
import { randomBytes } from 'node:crypto';
import { Types } from 'mongoose';
import { parseEnv, type Env } from '../../api/src/env.js';
import type { Models } from '../../api/src/models/index.js';

/** `npm run bench -- --quick` sets this: smaller sizes, shorter runs, for a smoke test of the suite. */
export const QUICK = process.env.BENCH_QUICK === '1';

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))]!;
}

/** Milliseconds taken by `fn`, and its result. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  const t = performance.now();
  const result = await fn();
  return { ms: performance.now() - t, result };
}

/**
 * A database of its own for one bench run (`bench_<label>_<hex>` on the server of MONGODB_URI).
 * Never the name in MONGODB_URI itself: run through with-db.ts that is the dev database, and
 * benches drop what they create.
 */
export function freshDatabaseUri(label: string): { uri: string; name: string } {
  const source = process.env.MONGODB_URI;
  if (!source) {
    console.error('MONGODB_URI is not set: run the benchmarks with `npm run bench`');
    process.exit(2);
  }
  const name = `bench_${label}_${randomBytes(3).toString('hex')}`;
  const url = new URL(source);
  url.pathname = `/${name}`;
  return { uri: url.toString(), name };
}

/** The api settings every bench uses: production mode, silent logs, no sweeps or scheduler ticks. */
export function benchEnv(uri: string, overrides: Record<string, string> = {}): Env {
  return parseEnv({
    NODE_ENV: 'production',
    PORT: '0',
    MONGODB_URI: uri,
    JWT_SECRET: randomBytes(24).toString('hex'),
    LOG_LEVEL: 'silent',
    SWEEP_INTERVAL_MS: '0',
    SCHEDULER_TICK_MS: '0',
    H5_DIR: '',
    ...overrides,
  });
}

const TOPICS = ['poc', 'ownership-reform', 'sci-finance', 'incubator'];
const REGIONS = ['310000', '110000', '440300', '000000'];

/**
 * Published events and policies straight through the models (no broadcasts are planned: there are
 * no groups). Events start over the next months so the list's sort has work to do.
 */
export async function seedContent(models: Models, counts: { events: number; policies: number }): Promise<void> {
  const now = Date.now();
  const organizer = new Types.ObjectId();
  await models.Event.insertMany(
    Array.from({ length: counts.events }, (_, i) => ({
      title: `2026 科技成果转化路演 第${i + 1}场`,
      kind: (['roadshow', 'matchmaking', 'challenge', 'training'] as const)[i % 4],
      summary: '高校院所科技成果与企业需求现场对接，概念验证项目路演。',
      description: '路演项目涵盖新一代信息技术、生物医药、高端装备等领域。'.repeat(4),
      startsAt: new Date(now + (1 + ((i * 37) % 180)) * 86_400_000),
      venue: '上海市技术交易所',
      organizer: '上海市科委',
      regions: [REGIONS[i % REGIONS.length]!],
      topics: [TOPICS[i % TOPICS.length]!],
      audiences: i % 2 ? ['enterprise'] : ['researcher'],
      registration: { capacity: 100 + (i % 5) * 50 },
      status: 'published',
      createdBy: organizer,
    })),
  );
  await models.Policy.insertMany(
    Array.from({ length: counts.policies }, (_, i) => ({
      title: `关于促进科技成果转移转化的若干措施（第${i + 1}号）`,
      docNo: `沪科规〔2026〕${i + 1}号`,
      issuer: '上海市科学技术委员会',
      regions: [REGIONS[i % REGIONS.length]!],
      topics: [TOPICS[i % TOPICS.length]!],
      audiences: ['enterprise', 'researcher'],
      publishedAt: new Date(now - ((i * 13) % 365) * 86_400_000),
      summary: '支持高校院所开展职务科技成果赋权改革，建设概念验证中心。',
      body: '第一条 为深入实施创新驱动发展战略……'.repeat(20),
      status: 'published',
      dedupKey: `bench-policy-${i}`,
      createdBy: organizer,
    })),
  );
}

/**
 * One row of a bench's table: a measured value, the baseline measured in the same run (if any),
 * ratio = value / baseline, and the target with whether it was met.
 */
export interface Figure {
  figure: string;
  value: number | string;
  baseline: number | null;
  ratio: number | null;
  target: string | null;
  met: boolean | null;
}

type Check = { '>=': number } | { '<=': number } | { '<': number } | { '=': number };

function check(x: number, c: Check): { target: string; met: boolean } {
  if ('>=' in c) return { target: `≥ ${c['>=']}`, met: x >= c['>='] };
  if ('<=' in c) return { target: `≤ ${c['<=']}`, met: x <= c['<='] };
  if ('<' in c) return { target: `< ${c['<']}`, met: x < c['<'] };
  return { target: `= ${c['=']}`, met: x === c['='] };
}

/**
 * A figure row. `onRatio` puts the target on value/baseline ("ratio ≥ 0.7"), `onValue` on the value
 * itself ("< 50"); a row may have neither (shown for context).
 */
export function figure(
  name: string,
  value: number | string,
  opts: { baseline?: number | null; onRatio?: Check; onValue?: Check; digits?: number } = {},
): Figure {
  const baseline = opts.baseline ?? null;
  const ratio = baseline && typeof value === 'number' ? round(value / baseline, 3) : null;
  let target: string | null = null;
  let met: boolean | null = null;
  if (opts.onRatio && ratio !== null) ({ target, met } = check(ratio, opts.onRatio));
  if (opts.onRatio) target = `ratio ${target ?? check(0, opts.onRatio).target}`;
  if (opts.onValue && typeof value === 'number') ({ target, met } = check(value, opts.onValue));
  const r = (x: number) => round(x, opts.digits ?? 1);
  return {
    figure: name,
    value: typeof value === 'number' ? r(value) : value,
    baseline: baseline === null ? null : r(baseline),
    ratio,
    target,
    met,
  };
}

/** The last stdout line of every bench: one JSON object (the suite reads only this line). */
export function printResult(result: Record<string, unknown>): void {
  console.log(JSON.stringify(result));
}

/** Prints figures as an aligned text table (the Markdown one is built by the suite). */
export function printFigures(title: string, figures: readonly Figure[]): void {
  const rows = [
    ['figure', 'value', 'baseline', 'ratio', 'target', 'met'],
    ...figures.map((f) => [
      f.figure,
      String(f.value),
      f.baseline === null ? '—' : String(f.baseline),
      f.ratio === null ? '—' : String(f.ratio),
      f.target ?? '—',
      f.met === null ? '—' : f.met ? 'yes' : 'NO',
    ]),
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  console.log(`\n${title}`);
  for (const [i, row] of rows.entries()) {
    console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
    if (i === 0) console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  }
}
