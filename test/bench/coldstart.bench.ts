/**
 * Cold start: time from spawning `node --conditions=source --import tsx api/src/server.ts` (as the
 * api container runs it) to its first 200 on /healthz, vs a bare server spawned the same way (with
 * --import tsx, so the loader's cost is on both sides) that connects the mongodb driver and answers
 * /healthz with a ping, as the api's /healthz does.
 *
 * Sizes: 1 warm-up start per side (not counted: fills tsx's transform cache and builds the api's
 * indexes, as any deployed instance finds them), then 5 starts per side, alternating, median of 5
 * (--quick: 2). /healthz is polled every 10 ms. About 35 s (--quick: about 15 s).
 * Last line: one JSON object with `figures`.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { freePort, repoRoot } from '../../scripts/db.js';
import { QUICK, figure, freshDatabaseUri, median, printFigures, printResult, round } from './support.js';
import mongoose from 'mongoose';

const STARTS = QUICK ? 2 : 5;
const { uri, name: dbName } = freshDatabaseUri('coldstart');

// The baseline: the least a server needs to answer /healthz from the database.
const BARE = `
import http from 'node:http';
import { MongoClient } from 'mongodb';
const client = await new MongoClient(process.env.MONGODB_URI).connect();
http.createServer(async (req, res) => {
  if (req.url !== '/healthz') { res.writeHead(404).end(); return; }
  await client.db('admin').command({ ping: 1 });
  res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
}).listen(Number(process.env.PORT), '127.0.0.1');
`;
const SIDES = {
  app: ['api/src/server.ts'],
  baseline: ['--input-type=module', '-e', BARE],
} as const;
type Side = keyof typeof SIDES;

/** Milliseconds from spawn to the first 200 on /healthz; the process is then stopped. */
async function startOnce(side: Side): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', ...SIDES[side]], {
    cwd: repoRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      MONGODB_URI: uri,
      JWT_SECRET: randomBytes(24).toString('hex'),
      BOT_TOKEN: randomBytes(16).toString('hex'),
      PORT: String(port),
      LOG_LEVEL: 'silent',
      H5_DIR: '',
    },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${side} exited with ${child.exitCode} before answering`);
      if (performance.now() - started > 60_000) throw new Error(`${side} did not answer /healthz within 60 s`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`)
        .then((r) => r.status === 200)
        .catch(() => false);
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

const ms: Record<Side, number[]> = { app: [], baseline: [] };
for (const side of ['app', 'baseline'] as const) console.log(`warm-up ${side}: ${round(await startOnce(side))} ms`);
for (let i = 0; i < STARTS; i++) {
  for (const side of ['app', 'baseline'] as const) ms[side].push(await startOnce(side));
  console.log(`start ${i + 1}: app ${round(ms.app[i]!)} ms, baseline ${round(ms.baseline[i]!)} ms`);
}
const conn = await mongoose.createConnection(uri).asPromise();
await conn.dropDatabase().catch((e) => console.error(`could not drop ${dbName}: ${(e as Error).message}`));
await conn.close();

const figures = [
  figure('spawn → first 200 on /healthz, ms', median(ms.app), { baseline: median(ms.baseline), onRatio: { '<=': 5 }, digits: 0 }),
  figure('app cold start, ms', median(ms.app), { onValue: { '<=': 5000 }, digits: 0 }),
];
printFigures(`cold start (median of ${STARTS}; baseline: node -e http + mongodb driver, also under tsx)`, figures);
printResult({
  figures,
  starts: STARTS,
  app_ms: Math.round(median(ms.app)),
  baseline_ms: Math.round(median(ms.baseline)),
  ratio: round(median(ms.app) / median(ms.baseline), 2),
  app_all_ms: ms.app.map(Math.round),
  baseline_all_ms: ms.baseline.map(Math.round),
});
