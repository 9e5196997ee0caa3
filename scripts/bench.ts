/**
 * `npm run bench`: every benchmark in one run, against one throwaway database server.
 *
 * Each bench (test/bench/*.bench.ts, and scripts/size.ts when present) runs as a child process with
 * MONGODB_URI naming a database of its own; its output is shown as it comes, and its last stdout
 * line (one JSON object) is kept. A full run writes test/bench/results/latest.json
 * ({ date, machine, benches: { name: json }, runs }) and latest.md (a table per bench), meant to be
 * committed; a partial run (--quick or --only) writes partial.json / partial.md instead.
 *
 *   npm run bench                       full sizes, several minutes on 2 shared cores
 *   npm run bench -- --quick            smaller sizes: a smoke run of the suite, about 3.5 min
 *   npm run bench -- --only browse,size one or more benches by name
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import * as prettier from 'prettier';
import { ensureDatabase, repoRoot } from './db.js';
import { figuresOf, renderMarkdown, type BenchRun, type SuiteResults } from '../test/bench/report.js';

interface Bench {
  name: string;
  file: string;
  describe: string;
  /** Environment with the sizes (quick or full). */
  env: (quick: boolean) => Record<string, string>;
  usesDatabase: boolean;
}

const BENCHES: Bench[] = [
  {
    name: 'register',
    file: 'test/bench/register.bench.ts',
    describe:
      'Sign-up storm: concurrent sign-ups for one event over HTTP (the api in its own process) vs a bare driver loop' +
      ' doing the same database operations (seat update on the ledger included; the loop also reads the event each' +
      ' time). After a warm-up storm each, four storms in the order app, raw, raw, app; each side is its two storms' +
      ' together. value = app, baseline = driver loop.',
    env: (quick) =>
      quick
        ? { BENCH_USERS: '300', BENCH_CAPACITY: '30', BENCH_IN_FLIGHT: '50' }
        : { BENCH_USERS: '2000', BENCH_CAPACITY: '100', BENCH_IN_FLIGHT: '200' },
    usesDatabase: true,
  },
  {
    name: 'browse',
    file: 'test/bench/browse.bench.ts',
    describe:
      'First page of the public event and policy lists, and one event page, under 64 connections (autocannon): the api' +
      ' (read cache guarded by change tokens: one lookup by _id per request while nothing changes) vs plain Koa + the' +
      ' mongodb driver running the same queries uncached (a find plus a count; events: plus two seat aggregations).' +
      ' Targets: p99 < 50 ms and app requests/s at least the baseline.',
    env: () => ({}),
    usesDatabase: true,
  },
  {
    name: 'matching',
    file: 'test/bench/matching.bench.ts',
    describe:
      'Inverted-index matcher vs plain scan over random group profiles (value = index, baseline = scan; same results' +
      ' checked); heap at 1M groups; planning one broadcast through the real planner vs a bare insertMany of the same' +
      ' deliveries.',
    env: () => ({}),
    usesDatabase: true,
  },
  {
    name: 'insights',
    file: 'test/bench/insights.bench.ts',
    describe:
      "GET /events/:id/insights (an event's push funnel per group, channel and day) over HTTP, one request at a time," +
      ' with 5,000 registrations and 100,000 recorded link opens, vs the bare driver counting the raw records of the same' +
      ' collections (totals only); also the bare driver grouping every open by group (what the funnel would cost without' +
      ' the per-link tallies). Target: median and p99 < 200 ms.',
    env: (quick): Record<string, string> =>
      quick ? { BENCH_REGISTRATIONS: '1000', BENCH_OPENS: '20000', BENCH_RUNS: '10' } : {},
    usesDatabase: true,
  },
  {
    name: 'coldstart',
    file: 'test/bench/coldstart.bench.ts',
    describe:
      'Spawn of `node --conditions=source --import tsx api/src/server.ts` to the first 200 on /healthz vs a bare' +
      ' `node -e` http server with the mongodb driver, spawned the same way (tsx loader cost on both sides).',
    env: () => ({}),
    usesDatabase: true,
  },
  {
    name: 'durability',
    file: 'test/bench/durability.bench.ts',
    describe:
      "The embedded server with each write committed before its reply (value) vs H2's lazy background commit" +
      ' (baseline): acknowledged inserts per second at 64 in flight, and acknowledged writes lost to a SIGKILL.',
    env: (quick): Record<string, string> => (quick ? { BENCH_WRITES: '600' } : {}),
    usesDatabase: false,
  },
  {
    name: 'phone',
    file: 'test/bench/phone.bench.ts',
    describe:
      'A pushed link on a mid-range phone: 首页 and an event page (the link a broadcast sends) from the api serving the' +
      ' production H5 build, in Chromium at 390×844 with 150 ms latency, 1.6 Mbps down, CPU 4× slower and an empty' +
      ' cache; median of 3 loads (FCP, LCP by PerformanceObserver, bytes by CDP) vs a one-paragraph static page under' +
      ' the same throttling. Target: LCP < 2000 ms on both pages, the LCP being the real content.',
    env: () => ({}),
    usesDatabase: true,
  },
  {
    name: 'size',
    file: 'scripts/size.ts',
    describe: 'Production builds of the mini-program: weapp main package and H5 initial JS (gzip). No baseline.',
    env: () => ({}),
    usesDatabase: false,
  },
];

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? (args[onlyAt + 1] ?? '').split(',').filter(Boolean) : null;
const unknown = only?.filter((n) => !BENCHES.some((b) => b.name === n)) ?? [];
if ((only && only.length === 0) || unknown.length > 0) {
  console.error(`usage: npm run bench -- [--quick] [--only ${BENCHES.map((b) => b.name).join('|')}[,…]]`);
  process.exit(2);
}
const selected = BENCHES.filter((b) => !only || only.includes(b.name));
const TIMEOUT_MS = 15 * 60_000;

/** Runs one bench, echoing its output; resolves with its last stdout line and exit code. */
function runChild(bench: Bench, env: Record<string, string>): Promise<{ last: string; code: number | null; timedOut: boolean }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', bench.file], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let last = '';
  let timedOut = false;
  createInterface({ input: child.stdout! }).on('line', (line) => {
    console.log(`  │ ${line}`);
    if (line.trim()) last = line.trim();
  });
  createInterface({ input: child.stderr! }).on('line', (line) => console.error(`  │ ${line}`));
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, TIMEOUT_MS);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ last, code, timedOut });
    }),
  );
}

const started = performance.now();
const db = selected.some((b) => b.usesDatabase) ? await ensureDatabase({ mode: 'throwaway' }) : null;
const results: SuiteResults = {
  date: new Date().toISOString(),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
  },
  quick,
  database: db?.description.replace(/, data in .*/, '') ?? 'none',
  wallSeconds: 0,
  runs: {},
  benches: {},
};
try {
  for (const [i, bench] of selected.entries()) {
    const tag = `[bench ${i + 1}/${selected.length}] ${bench.name}`;
    const sizes = bench.env(quick);
    if (!existsSync(path.join(repoRoot, bench.file))) {
      const note = `${bench.file} does not exist (yet)`;
      console.log(`${tag}: skipped, ${note}`);
      results.runs[bench.name] = { status: 'skipped', seconds: 0, exitCode: null, note, sizes };
      results.benches[bench.name] = null;
      continue;
    }
    console.log(`\n${tag}: running ${bench.file}${Object.keys(sizes).length ? ` with ${JSON.stringify(sizes)}` : ''}`);
    const t = performance.now();
    const env: Record<string, string> = { ...sizes, ...(quick ? { BENCH_QUICK: '1' } : {}) };
    if (db) {
      // A MONGODB_URI from the environment may name a database: replace it, keep the query string.
      const uri = new URL(db.uri);
      uri.pathname = `/bench_${bench.name}`;
      env.MONGODB_URI = uri.toString();
      if (db.pid) env.BENCH_DB_PID = String(db.pid);
    }
    const { last, code, timedOut } = await runChild(bench, env);
    const seconds = (performance.now() - t) / 1000;
    let json: Record<string, unknown> | null = null;
    try {
      json = JSON.parse(last) as Record<string, unknown>;
    } catch {
      /* no JSON last line: recorded as failed below */
    }
    const run: BenchRun = { status: json && code === 0 ? 'ok' : 'failed', seconds: Math.round(seconds), exitCode: code, sizes };
    if (timedOut) run.note = `killed after ${TIMEOUT_MS / 60_000} min`;
    else if (!json) run.note = `last line was not JSON: ${last.slice(0, 200)}`;
    else if (code !== 0) run.note = `exit code ${code}`;
    results.runs[bench.name] = run;
    results.benches[bench.name] = json;
    const missed = figuresOf(bench.name, json, run)
      .filter((f) => f.met === false)
      .map((f) => f.figure);
    console.log(
      `${tag}: ${run.status} in ${Math.round(seconds)} s` +
        (run.note ? ` (${run.note})` : '') +
        (json ? `; targets missed: ${missed.length ? missed.join('; ') : 'none'}` : ''),
    );
  }
} finally {
  await db?.stop();
}

results.wallSeconds = Math.round((performance.now() - started) / 1000);
const partial = quick || only !== null;
const dir = path.join(repoRoot, 'test/bench/results');
mkdirSync(dir, { recursive: true });
const stem = path.join(dir, partial ? 'partial' : 'latest');
const markdown = renderMarkdown(results, Object.fromEntries(BENCHES.map((b) => [b.name, b.describe])));
// Formatted as `npm run format:check` expects: the results are committed (and aligned tables read better).
async function writePretty(file: string, text: string): Promise<string> {
  const formatted = await prettier.format(text, { ...(await prettier.resolveConfig(file)), filepath: file });
  writeFileSync(file, formatted);
  return formatted;
}
await writePretty(`${stem}.json`, JSON.stringify(results));
console.log(`\n${await writePretty(`${stem}.md`, markdown)}`);
console.log(`wrote ${path.relative(repoRoot, stem)}.json and .md; suite wall time ${results.wallSeconds} s`);
process.exit(Object.values(results.runs).some((r) => r.status === 'failed') ? 1 : 0);
