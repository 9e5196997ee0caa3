/**
 * `npm run bench:register`: sign-up throughput of the api against the same database work done
 * through the bare mongodb driver.
 *
 *  1. app: one api instance (startApi) in a process of its own, an event with 100 seats, 2,000 users, 2,000 sign-ups over
 *     HTTP with at most IN_FLIGHT requests in flight (a simple worker pool over node:http keep-alive sockets);
 *  2. raw: on a fresh event in another database, a loop doing the database operations of the
 *     app's sign-up through the bare driver, with the same concurrency: read the event, insert the
 *     registration (unique activeKey), take a seat with one conditional update of the event's
 *     seat ledger, then mark it confirmed, or, when full, the query for its place in line (the
 *     position shown in the reply). The ratio is thus the cost of HTTP, auth, validation,
 *     mongoose and presenters, not of a different amount of database work, with one exception
 *     in the app's favour: the raw loop reads the event on every sign-up, while the app serves it
 *     from its snapshot cache (api/src/commands/eventSnapshots.ts) after one shared token read.
 *
 * Both sides first warm up with a storm of their own (WARMUP), then storm in the order app, raw, raw, app, each side's
 * figures being its two storms together (see "the storms" below for why).
 *
 * Prints a table, then as the last line one JSON object with the figures. The database (a fresh
 * name per run) is dropped at the end. Env: MONGODB_URI (set by scripts/with-db.ts),
 * BENCH_USERS (2000), BENCH_CAPACITY (100), BENCH_IN_FLIGHT (200), BENCH_WARMUP (= BENCH_USERS): `npm run bench` runs it at
 * this full size (--quick: 300 / 30 / 50).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { Types } from 'mongoose';
import { parseEnv } from '../../api/src/env.js';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';
import { createModels, syncIndexes } from '../../api/src/models/index.js';
import { signToken } from '../../api/src/auth/tokens.js';
import { activeKeyFor, newTicketCode } from '../../api/src/models/registrationKeys.js';
import { call, publishedEvent } from '../support/api.js';

const USERS = Number(process.env.BENCH_USERS ?? 2000);
const CAPACITY = Number(process.env.BENCH_CAPACITY ?? 100);
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 200);
/**
 * Sign-ups each side makes on an event of its own before either is measured. As many as the storm: the database
 * server is a fresh JVM, and a shorter warm-up left its JIT compiling through the app's storm, which ran first
 * (measured: the same code was 0.53 of the loop with 200 warm-up sign-ups, 1.1 with the loop measured first).
 */
const WARMUP = Number(process.env.BENCH_WARMUP ?? USERS);

/** The given URI with its database name replaced (query string kept). */
function withDatabase(uri: string, db: string): string {
  const url = new URL(uri);
  url.pathname = `/${db}`;
  return url.toString();
}

/** Runs `run` over 0..n-1 with at most `limit` in flight; returns each call's latency in ms. */
async function pool(n: number, limit: number, run: (i: number) => Promise<void>): Promise<{ ms: number[]; wallMs: number }> {
  const ms = new Array<number>(n);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < n) {
      const i = next++;
      const t = performance.now();
      await run(i);
      ms[i] = performance.now() - t;
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
  return { ms, wallMs: performance.now() - started };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * The load generator's sign-up request: node:http on keep-alive sockets, one per request in flight. The load comes
 * from this process on the same two cores as the api, so it should cost as little CPU as it can (global fetch costs
 * about three times as much per request), leaving the cores to the system under test.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
function postSignUp(baseUrl: string, eventId: string, token: string): Promise<{ status: number; body: { status: string } }> {
  const payload = JSON.stringify({ name: '张三', org: '上海交通大学', phone: '13812345678' });
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${baseUrl}/api/v1/events/${eventId}/registrations`,
      {
        method: 'POST',
        agent,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
          } catch (e) {
            reject(e as Error);
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/**
 * CPU time (user + system, ms) a process has used, from /proc (Linux): with the load generator, the api and the
 * database sharing two cores, CPU per sign-up says where the time goes better than wall time on a noisy machine.
 */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticksPerSecond = 100; // USER_HZ, 100 on every Linux this runs on
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}
const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(start);
  return (d.user + d.system) / 1000;
};

/** The database server's process when the bench runner started it (BENCH_DB_PID), else null: its CPU is not ours to read. */
const dbPid = process.env.BENCH_DB_PID ? Number(process.env.BENCH_DB_PID) : null;
const dbCpuMs = () => (dbPid ? cpuMsOf(dbPid) : NaN);

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

const sourceUri = process.env.MONGODB_URI;
if (!sourceUri) {
  console.error('MONGODB_URI is not set: run `npm run bench:register`');
  process.exit(2);
}
const dbName = `bench_register_${randomBytes(4).toString('hex')}`;
const settings = {
  NODE_ENV: 'production',
  PORT: '0',
  MONGODB_URI: withDatabase(sourceUri, dbName),
  JWT_SECRET: randomBytes(24).toString('hex'),
  LOG_LEVEL: 'silent',
  SWEEP_INTERVAL_MS: '0',
  RATE_LIMIT_REGISTER_PER_MIN: '1000000',
  RATE_LIMIT_LOGIN_PER_MIN: '1000000',
};
const env = parseEnv(settings);

/** The api in a child process (register.server.ts), as deployed: the load comes from this one. */
async function startApiProcess(): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const entry = fileURLToPath(new URL('./register.server.ts', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=' + process.env.BENCH_PROFILE] : []),
      '--conditions=source',
      '--import',
      'tsx',
      entry,
    ],
    {
      env: { ...process.env, ...settings },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{"url"')) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.once('exit', (code) => reject(new Error(`api exited with ${code} before listening`)));
  });
  const exited = new Promise((r) => child.once('exit', r));
  return { url, pid: child.pid!, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

const conn = await mongoose.createConnection(env.MONGODB_URI).asPromise();
const models = createModels(conn);
await syncIndexes(models);
const api = await startApiProcess();
try {
  // ---- setup: an organizer, 2 × USERS + WARMUP users with tokens ----
  const organizerId = new Types.ObjectId();
  await models.User.create({ _id: organizerId, openid: `bench-org-${dbName}`, roles: ['organizer'], name: '主办方' });
  const organizerToken = signToken(env, String(organizerId), ['organizer']).token;
  const userDocs = Array.from({ length: 2 * USERS + WARMUP }, (_, i) => ({
    _id: new Types.ObjectId(),
    openid: `bench-${dbName}-${i}`,
    name: `报名者${i}`,
    roles: [],
  }));
  await models.User.insertMany(userDocs);
  const tokens = userDocs.map((u) => signToken(env, String(u._id), []).token);
  // ---- the baseline's setup: the same database operations through the bare driver ----
  // In a database of its own with the same unique indexes, so neither side's rows slow the other.
  const db = models.conn.getClient().db(`${dbName}_raw`);
  await db.collection('registrations').createIndex({ activeKey: 1 }, { unique: true });
  await db.collection('registrations').createIndex({ ticketCode: 1 }, { unique: true });
  await db.collection('registrations').createIndex({ event: 1, status: 1, createdAt: 1 });
  const registrations = db.collection<any>('registrations');
  const ledgers = db.collection<any>('seatLedgers');
  const events = db.collection<any>('events');
  /** One sign-up's database work through the bare driver, for `user` on `rawEvent`. */
  const rawSignUp = async (rawEvent: Types.ObjectId, user: Types.ObjectId) => {
    const id = new Types.ObjectId();
    const now = new Date();
    await events.findOne({ _id: rawEvent });
    await registrations.insertOne({
      _id: id,
      event: rawEvent,
      user,
      role: 'attendee',
      answers: {},
      contact: { name: '张三', org: '上海交通大学', phone: '13812345678' },
      status: 'waitlisted',
      activeKey: activeKeyFor(String(rawEvent), String(user)),
      ticketCode: newTicketCode(),
      offerExpiresAt: null,
      cancelReason: null,
      checkedInAt: null,
      createdAt: now,
      updatedAt: now,
    });
    // Same seat update as seatLedger.take; when it misses, the place query of waitlistPosition.ts.
    const { matchedCount } = await ledgers.updateOne(
      { _id: rawEvent, 'holders.reg': { $ne: id }, $expr: { $lt: ['$held', '$capacity'] } },
      { $push: { holders: { reg: id, at: new Date() } }, $inc: { held: 1 } } as any,
    );
    if (matchedCount === 1) {
      await registrations.updateOne({ _id: id, status: 'waitlisted' }, { $set: { status: 'confirmed', updatedAt: new Date() } });
    } else {
      await registrations
        .aggregate([
          {
            $match: {
              event: rawEvent,
              status: 'waitlisted',
              $or: [{ createdAt: { $lt: now } }, { createdAt: now, _id: { $lte: id } }],
            },
          },
          { $group: { _id: { $eq: ['$_id', id] }, n: { $sum: 1 } } },
        ])
        .toArray();
    }
  };
  const newRawEvent = async () => {
    const _id = new Types.ObjectId();
    await events.insertOne({ _id, title: 'raw', status: 'published', registration: { capacity: CAPACITY } });
    await ledgers.insertOne({ _id, capacity: CAPACITY, held: 0, holders: [] });
    return _id;
  };
  const rawUsers = Array.from({ length: 2 * USERS + WARMUP }, () => new Types.ObjectId());

  // Warm-up, not counted: a storm for each side on an event of its own, by other users (so the measured storm
  // still reads every session), opens the connection pools and warms the api, the driver loop and the JVM.
  const warmEvent = await publishedEvent(api as never, organizerToken, { registration: { capacity: CAPACITY } });
  await call(api.url, 'GET', `/api/v1/events/${warmEvent.id}`);
  await pool(WARMUP, IN_FLIGHT, async (i) => void (await postSignUp(api.url, warmEvent.id, tokens[2 * USERS + i]!)));
  const warmRaw = await newRawEvent();
  await pool(WARMUP, IN_FLIGHT, (i) => rawSignUp(warmRaw, rawUsers[2 * USERS + i]!));

  // ---- the storms: app, raw, raw, app ----
  // Each side's figures are the two storms together. In this order a drift during the run (the JVM still compiling,
  // its heap filling, every storm scanning a waitlist 2,000 larger than the one before on its side) weighs on both
  // sides alike: the first and last storms are the app's, the two middle ones the loop's.

  /** One storm through the api: USERS sign-ups by the users from `first` on, for a fresh event. */
  const appStorm = async (first: number) => {
    const stormEvent = await publishedEvent(api as never, organizerToken, {
      registration: { capacity: CAPACITY, waitlistEnabled: true, offerWindowMinutes: 0 },
    });
    const apiCpu0 = cpuMsOf(api.pid);
    const dbCpu0 = dbCpuMs();
    const loadCpu0 = process.cpuUsage();
    const statuses = new Map<string, number>();
    const run = await pool(USERS, IN_FLIGHT, async (i) => {
      let key: string;
      try {
        const r = await postSignUp(api.url, stormEvent.id, tokens[first + i]!);
        key = r.status === 201 ? r.body.status : `http_${r.status}`;
      } catch (e) {
        key = `fetch_${(e as Error).name}`;
      }
      statuses.set(key, (statuses.get(key) ?? 0) + 1);
    });
    const cpu = { api: cpuMsOf(api.pid) - apiCpu0, db: dbCpuMs() - dbCpu0, load: cpuMsSince(loadCpu0) };
    const id = stormEvent.id;
    return {
      ...run,
      statuses,
      cpu,
      errors: USERS - (statuses.get('confirmed') ?? 0) - (statuses.get('waitlisted') ?? 0),
      confirmed: await models.Registration.countDocuments({ event: id, status: 'confirmed' }),
      waitlisted: await models.Registration.countDocuments({ event: id, status: 'waitlisted' }),
      seats: (await models.SeatLedger.findById(id).lean())?.held ?? 0,
    };
  };

  /** One storm of the driver loop: USERS sign-ups by the raw users from `first` on, for a fresh raw event. */
  const rawStorm = async (first: number) => {
    const rawEvent = await newRawEvent();
    let errors = 0;
    const loopCpu0 = process.cpuUsage();
    const dbCpu0 = dbCpuMs();
    const run = await pool(USERS, IN_FLIGHT, async (i) => {
      try {
        await rawSignUp(rawEvent, rawUsers[first + i]!);
      } catch {
        errors++;
      }
    });
    const cpu = { loop: cpuMsSince(loopCpu0), db: dbCpuMs() - dbCpu0 };
    const confirmed = await registrations.countDocuments({ event: rawEvent, status: 'confirmed' });
    return { ...run, errors, cpu, confirmed, seats: (await ledgers.findOne({ _id: rawEvent }))?.held ?? 0 };
  };

  const app1 = await appStorm(0);
  const raw1 = await rawStorm(0);
  const raw2 = await rawStorm(USERS);
  const app2 = await appStorm(USERS);

  const SIGN_UPS = 2 * USERS;
  const app = { ms: [...app1.ms, ...app2.ms], wallMs: app1.wallMs + app2.wallMs };
  const raw = { ms: [...raw1.ms, ...raw2.ms], wallMs: raw1.wallMs + raw2.wallMs };
  /** Of two storms' figures that must both equal `want`, one that does not (else `want`). */
  const worst = (x: number, y: number, want: number) => (x !== want ? x : y);
  const dbConfirmed = worst(app1.confirmed, app2.confirmed, CAPACITY);
  const dbSeats = worst(app1.seats, app2.seats, CAPACITY);
  const dbWaitlisted = worst(app1.waitlisted, app2.waitlisted, USERS - CAPACITY);
  const rawConfirmed = worst(raw1.confirmed, raw2.confirmed, CAPACITY);
  const rawSeats = worst(raw1.seats, raw2.seats, CAPACITY);
  const appErrors = app1.errors + app2.errors;
  const rawErrors = raw1.errors + raw2.errors;
  const statuses = new Map<string, number>();
  for (const [k, v] of [...app1.statuses, ...app2.statuses]) statuses.set(k, (statuses.get(k) ?? 0) + v);
  const apiCpuMs = (app1.cpu.api + app2.cpu.api) / SIGN_UPS;
  const appDbCpuMs = (app1.cpu.db + app2.cpu.db) / SIGN_UPS;
  const loadCpuMs = (app1.cpu.load + app2.cpu.load) / SIGN_UPS;
  const rawCpuMs = (raw1.cpu.loop + raw2.cpu.loop) / SIGN_UPS;
  const rawDbCpuMs = (raw1.cpu.db + raw2.cpu.db) / SIGN_UPS;

  // ---- report ----
  const appRps = SIGN_UPS / (app.wallMs / 1000);
  const rawOps = SIGN_UPS / (raw.wallMs / 1000);
  const rows = [
    ['', 'app (HTTP, startApi)', 'raw driver loop'],
    ['sign-ups (two storms of USERS)', String(SIGN_UPS), String(SIGN_UPS)],
    ['in flight (max)', String(IN_FLIGHT), String(IN_FLIGHT)],
    ['wall time (s)', String(round(app.wallMs / 1000, 2)), String(round(raw.wallMs / 1000, 2))],
    ['sign-ups/s', String(round(appRps)), String(round(rawOps))],
    ['p50 latency (ms)', String(round(percentile(app.ms, 50))), String(round(percentile(raw.ms, 50)))],
    ['p99 latency (ms)', String(round(percentile(app.ms, 99))), String(round(percentile(raw.ms, 99)))],
    ['confirmed per storm (db)', String(dbConfirmed), String(rawConfirmed)],
    ['seats held per storm (db)', String(dbSeats), String(rawSeats)],
    ['waitlisted per storm (db)', String(dbWaitlisted), String(USERS - rawConfirmed)],
    ['errors', String(appErrors), String(rawErrors)],
    ['CPU ms per sign-up (api process)', String(round(apiCpuMs, 2)), '—'],
    ['CPU ms per sign-up (load generator / raw loop)', String(round(loadCpuMs, 2)), String(round(rawCpuMs, 2))],
    ['CPU ms per sign-up (database server)', String(round(appDbCpuMs, 2)), String(round(rawDbCpuMs, 2))],
  ];
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  console.log(`\nregistration storm: ${USERS} users, capacity ${CAPACITY}, database ${dbName}`);
  for (const [i, r] of rows.entries()) {
    console.log(r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  │  '));
    if (i === 0) console.log(widths.map((w) => '─'.repeat(w)).join('──┼──'));
  }
  console.log(`app reply statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
  console.log(`ratio app/raw = ${round(appRps / rawOps, 3)} (target ≥ 0.7)\n`);
  console.log(
    JSON.stringify({
      confirmed: dbConfirmed,
      waitlisted: dbWaitlisted,
      errors: appErrors,
      app_rps: round(appRps),
      raw_ops: round(rawOps),
      ratio: round(appRps / rawOps, 3),
      app_p50_ms: round(percentile(app.ms, 50)),
      app_p99_ms: round(percentile(app.ms, 99)),
      seats_held: dbSeats,
      raw_p50_ms: round(percentile(raw.ms, 50)),
      raw_p99_ms: round(percentile(raw.ms, 99)),
      api_cpu_ms_per_signup: round(apiCpuMs, 2),
      loadgen_cpu_ms_per_signup: round(loadCpuMs, 2),
      raw_cpu_ms_per_signup: round(rawCpuMs, 2),
      ...(dbPid ? { app_db_cpu_ms_per_signup: round(appDbCpuMs, 2), raw_db_cpu_ms_per_signup: round(rawDbCpuMs, 2) } : {}),
    }),
  );
} finally {
  await models.conn.dropDatabase().catch((e) => console.error(`could not drop ${dbName}: ${(e as Error).message}`));
  await models.conn
    .getClient()
    .db(`${dbName}_raw`)
    .dropDatabase()
    .catch((e) => console.error(`could not drop ${dbName}_raw: ${(e as Error).message}`));
  await api.stop();
  await conn.close();
}
