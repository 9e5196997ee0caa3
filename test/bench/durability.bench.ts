/**
 * `npm run bench -- --only durability`: what making every acknowledged write durable costs on the
 * embedded server, and proof that it holds.
 *
 * The embedded server (scripts/mongo-server) commits its H2 file before it acknowledges each write;
 * H2's default commits in the background about once a second. For each mode, on a fresh data folder:
 * WRITES single-document inserts with IN_FLIGHT in flight (the shape of a sign-up storm), the
 * throughput, then SIGKILL of the server straight after the last acknowledgement, a restart on the
 * same file, and a count of what survived. value = commit per write, baseline = H2's lazy commit.
 * Last line: one JSON object. Env: BENCH_WRITES (3000), BENCH_IN_FLIGHT (64).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import { freePort, startServer } from '../../scripts/db.js';

const WRITES = Number(process.env.BENCH_WRITES ?? (process.env.BENCH_QUICK ? 600 : 3000));
const IN_FLIGHT = Number(process.env.BENCH_IN_FLIGHT ?? 64);

interface Outcome {
  writesPerSec: number;
  acknowledged: number;
  survived: number;
}

async function measure(lazyCommit: boolean): Promise<Outcome> {
  const dir = mkdtempSync(path.join(tmpdir(), 'techbridge-durability-'));
  const port = await freePort();
  try {
    let server = await startServer(port, dir, { lazyCommit });
    const uri = `mongodb://127.0.0.1:${port}/`;
    let client = await new MongoClient(uri).connect();
    const docs = client.db('durability').collection('writes');
    let next = 0;
    let acknowledged = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < WRITES) {
          const i = next++;
          await docs.insertOne({ i, at: new Date() });
          acknowledged++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    server.child.kill('SIGKILL'); // no goodbye: whatever was not on disk is gone
    await server.exited;
    await client.close(true);
    server = await startServer(port, dir, { lazyCommit });
    client = await new MongoClient(uri).connect();
    const survived = await client.db('durability').collection('writes').countDocuments();
    await client.close();
    server.child.kill('SIGTERM');
    await server.exited;
    return { writesPerSec: Math.round(WRITES / seconds), acknowledged, survived };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.env.MONGODB_URI && !process.env.MONGODB_URI.includes('127.0.0.1')) {
  console.error('durability measures the embedded server only');
}
const durable = await measure(false);
const lazy = await measure(true);
console.log(`writes: ${WRITES}, ${IN_FLIGHT} in flight`);
console.log(
  `commit per write : ${durable.writesPerSec} writes/s; after SIGKILL ${durable.survived}/${durable.acknowledged} acknowledged writes survived`,
);
console.log(
  `H2 lazy commit   : ${lazy.writesPerSec} writes/s; after SIGKILL ${lazy.survived}/${lazy.acknowledged} acknowledged writes survived`,
);
console.log(
  JSON.stringify({
    writes: WRITES,
    inFlight: IN_FLIGHT,
    durableWritesPerSec: durable.writesPerSec,
    lazyWritesPerSec: lazy.writesPerSec,
    ratio: Math.round((durable.writesPerSec / lazy.writesPerSec) * 1000) / 1000,
    durableLost: durable.acknowledged - durable.survived,
    lazyLost: lazy.acknowledged - lazy.survived,
  }),
);
process.exit(durable.acknowledged === durable.survived ? 0 : 1);
