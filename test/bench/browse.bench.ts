/**
 * Browse load: the first page of `GET /api/v1/events` and `GET /api/v1/policies`, and one event
 * page `GET /api/v1/events/:id` (where a push sends everyone at once), under 64 concurrent
 * connections (autocannon): the real api, with its read cache, vs a bare Koa + mongodb driver
 * server running the same queries uncached (browse.baseline.ts). Each server runs in a process of
 * its own (browse.server.ts); autocannon runs here.
 *
 * Sizes: 200 published events and 200 published policies (BENCH_EVENTS / BENCH_POLICIES), no
 * registrations or seats (the seat-count aggregations run over empty collections: the cheapest
 * case for the uncached baseline). Per route:
 *  - 20 sequential requests per server, interleaved (--quick: 5): the one-connection median;
 *  - a warm-up of 1 s per server (not counted);
 *  - 2 rounds of 5 s per server in ABBA order (app, baseline, baseline, app) so both share the
 *    machine's noise (--quick: 1 round of 3 s). Rounds are timed windows, not request counts:
 *    autocannon ends a counted run only at its next 1-second tick, so short counted rounds measured
 *    that idle wait and the opening burst of 64 connects rather than the server.
 * rps = requests / seconds over the rounds; p99 = the worse round's. Targets: p99 < 50 ms and app
 * rps at least the baseline's. Last line: one JSON object with `figures` (see support.ts) and the
 * raw numbers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import mongoose from 'mongoose';
import { createModels, syncIndexes } from '../../api/src/models/index.js';
import { QUICK, figure, freshDatabaseUri, median, printFigures, printResult, round, seedContent } from './support.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 200);
const POLICIES = Number(process.env.BENCH_POLICIES ?? 200);
const CONNECTIONS = 64;
const ROUNDS = QUICK ? 1 : 2;
const SECONDS = QUICK ? 3 : 5;
const SEQUENTIAL = QUICK ? 5 : 20;
/** Short names (figures, JSON keys) → paths; the event page's id is filled in after seeding. */
const ROUTES: Record<string, string> = { events: '/api/v1/events', policies: '/api/v1/policies', event_page: '' };
type Side = 'app' | 'baseline';
const serverEntry = fileURLToPath(new URL('./browse.server.ts', import.meta.url));

const { uri, name: dbName } = freshDatabaseUri('browse');

/** Starts browse.server.ts for one side and resolves with its URL once it listens. */
async function startServer(side: Side): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', serverEntry, side], {
    env: { ...process.env, MONGODB_URI: uri },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    lines.on('line', (line) => {
      if (line.startsWith('{"url"')) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`${side} server exited with ${code} before listening`)));
  });
  return { url, child };
}

/** CONNECTIONS connections kept busy for `seconds`. */
async function load(url: string, seconds: number) {
  // A generous timeout: a slow reply is measured as slow, not dropped as an error.
  // Accept-Encoding as phones' browsers and WeChat's web view send it (both servers get it; the
  // bare baseline ignores it, the api answers from its gzipped copy).
  const headers = { 'accept-encoding': 'gzip, deflate, br' };
  const r = await autocannon({ url, connections: CONNECTIONS, duration: seconds, timeout: 120, headers });
  return { requests: r.requests.total, seconds: r.duration, p99: r.latency.p99, bad: r.non2xx + r.errors + r.timeouts };
}

/** Median latency of `n` one-at-a-time requests, app and baseline interleaved. */
async function sequential(route: string, n: number): Promise<Record<Side, number>> {
  const ms: Record<Side, number[]> = { app: [], baseline: [] };
  for (let i = 0; i < n; i++) {
    for (const side of ['app', 'baseline'] as const) {
      const t = performance.now();
      await (await fetch(servers[side]!.url + route)).arrayBuffer();
      ms[side].push(performance.now() - t);
    }
  }
  return { app: median(ms.app), baseline: median(ms.baseline) };
}

const conn = await mongoose.createConnection(uri).asPromise();
const models = createModels(conn);
const servers: Partial<Record<Side, { url: string; child: ChildProcess }>> = {};
try {
  await syncIndexes(models);
  await seedContent(models, { events: EVENTS, policies: POLICIES });
  servers.app = await startServer('app');
  servers.baseline = await startServer('baseline');
  // The event page: the first event of the list, as a push would link to one.
  const first = (await (await fetch(`${servers.app.url}/api/v1/events?pageSize=1`)).json()) as { items: { id: string }[] };
  ROUTES.event_page = `/api/v1/events/${first.items[0]!.id}`;

  // Same replies from both (same ids in the same order), before any load.
  for (const route of Object.values(ROUTES)) {
    const [a, b] = await Promise.all(
      (['app', 'baseline'] as const).map(async (s) => {
        const res = await fetch(servers[s]!.url + route);
        const text = await res.text();
        if (res.status !== 200) throw new Error(`${s} ${route}: ${res.status} ${text.slice(0, 200)}`);
        return { body: JSON.parse(text) as { id?: string; items?: { id: string }[]; total?: number }, bytes: text.length };
      }),
    );
    const ids = (x: typeof a) => x!.body.id ?? x!.body.items!.map((i) => i.id).join();
    if (ids(a) !== ids(b) || a!.body.total !== b!.body.total) throw new Error(`${route}: app and baseline disagree`);
    const what = a!.body.items ? `${a!.body.items.length} items of ${a!.body.total}` : 'one item';
    console.log(`${route}: ${what}; reply ${a!.bytes} B (app) vs ${b!.bytes} B (baseline)`);
  }

  const totals: Record<string, { requests: number; seconds: number; p99: number; bad: number }> = {};
  const oneConnection: Record<string, Record<Side, number>> = {};
  for (const route of Object.values(ROUTES)) {
    const seq = (oneConnection[route] = await sequential(route, SEQUENTIAL));
    console.log(`  1 connection ${route}: median ${round(seq.app)} ms (app), ${round(seq.baseline)} ms (baseline)`);
    // Warm-up (not counted): connections opened, caches and JIT warm on both sides.
    for (const side of ['app', 'baseline'] as const) await load(servers[side]!.url + route, 1);
    for (let round_ = 0; round_ < ROUNDS; round_++) {
      // ABBA order: a drift in the machine's load over the run hits both sides alike.
      for (const side of round_ % 2 === 0 ? (['app', 'baseline'] as const) : (['baseline', 'app'] as const)) {
        const r = await load(servers[side]!.url + route, SECONDS);
        const t = (totals[`${side} ${route}`] ??= { requests: 0, seconds: 0, p99: 0, bad: 0 });
        t.requests += r.requests;
        t.seconds += r.seconds;
        t.p99 = Math.max(t.p99, r.p99);
        t.bad += r.bad;
        console.log(
          `  round ${round_ + 1} ${side.padEnd(8)} ${route}: ${r.requests} requests in ${r.seconds} s, ${round(r.requests / r.seconds)} rps, p99 ${r.p99} ms`,
        );
      }
    }
  }

  const rps = (side: Side, route: string) => totals[`${side} ${route}`]!.requests / totals[`${side} ${route}`]!.seconds;
  const p99 = (side: Side, route: string) => totals[`${side} ${route}`]!.p99;
  const bad = Object.values(totals).reduce((n, t) => n + t.bad, 0);
  const figures = Object.entries(ROUTES).flatMap(([short, route]) => {
    return [
      figure(`${short} rps`, rps('app', route), { baseline: rps('baseline', route), onRatio: { '>=': 1 } }),
      figure(`${short} p99 ms`, p99('app', route), { baseline: p99('baseline', route), onValue: { '<': 50 } }),
      figure(`${short} 1-connection median ms`, oneConnection[route]!.app, { baseline: oneConnection[route]!.baseline }),
    ];
  });
  figures.push(figure('non-2xx + errors', bad, { onValue: { '=': 0 } }));
  printFigures(`browse: ${CONNECTIONS} connections, ${ROUNDS} × ~${SECONDS} s per server and route, database ${dbName}`, figures);
  console.log(
    '\nnote: the baseline runs every query on every request (a find plus a count, plus two aggregations for events);' +
      ' the app serves its cached reply after one lookup by _id of the change tokens, and runs the queries only after' +
      ' a write. Nothing is written during the rounds: this measures the hit path a push storm mostly takes.\n',
  );
  printResult({
    connections: CONNECTIONS,
    seconds_per_server_route: Object.fromEntries(Object.entries(totals).map(([k, t]) => [k, round(t.seconds)])),
    events: EVENTS,
    policies: POLICIES,
    figures,
    ...Object.fromEntries(
      Object.entries(ROUTES).flatMap(([short, route]) => {
        return [
          [`${short}_app_rps`, round(rps('app', route))],
          [`${short}_baseline_rps`, round(rps('baseline', route))],
          [`${short}_ratio`, round(rps('app', route) / rps('baseline', route), 3)],
          [`${short}_app_p99_ms`, p99('app', route)],
          [`${short}_baseline_p99_ms`, p99('baseline', route)],
        ];
      }),
    ),
    errors: bad,
  });
} finally {
  for (const s of Object.values(servers)) s.child.kill('SIGTERM');
  await conn.dropDatabase().catch((e) => console.error(`could not drop ${dbName}: ${(e as Error).message}`));
  await conn.close();
}
