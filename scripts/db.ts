/**
 * The one place that provides a MongoDB-compatible server for `npm start`, `npm test`,
 * the seed/admin commands, benchmarks and CI.
 *
 * Order of preference when MONGODB_URI is unset:
 *  1. a `mongod` on PATH (real MongoDB, where users have it);
 *  2. FerretDB v1 on SQLite, built by scripts/install-ferretdb.sh into .tools/bin (this machine kind:
 *     no MongoDB server package is reachable here).
 * Run directly (`npm run db:start`) it starts the persistent dev server and waits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ferretBin = path.join(repoRoot, '.tools/bin/ferretdb-embed');

export interface LocalDatabase {
  /** Connection string without a database name, e.g. mongodb://127.0.0.1:27117/ */
  uri: string;
  /** Human-readable description of what is serving `uri`. */
  description: string;
  stop(): Promise<void>;
}

export interface DatabaseOptions {
  /** 'dev' keeps data in .data/ on a fixed port; 'throwaway' uses a temp folder and a free port. */
  mode: 'dev' | 'throwaway';
  log?: (line: string) => void;
}

const DEV_PORT = Number(process.env.TECHBRIDGE_DB_PORT ?? 27117);

/** Returns MONGODB_URI if set, otherwise starts a local server as described above. */
export async function ensureDatabase(opts: DatabaseOptions): Promise<LocalDatabase> {
  const log = opts.log ?? ((l: string) => console.log(l));
  if (process.env.MONGODB_URI) {
    return { uri: process.env.MONGODB_URI, description: 'MONGODB_URI from the environment', stop: async () => {} };
  }
  const dataDir = opts.mode === 'dev' ? path.join(repoRoot, '.data/db') : mkdtempSync(path.join(os.tmpdir(), 'techbridge-db-'));
  const port = opts.mode === 'dev' ? DEV_PORT : await freePort();
  const uri = `mongodb://127.0.0.1:${port}/`;

  if (opts.mode === 'dev' && (await ping(uri, 1500))) {
    log(`[db] reusing the server already listening on ${uri} (data in ${dataDir})`);
    return { uri, description: `existing server on port ${port}`, stop: async () => {} };
  }
  mkdirSync(dataDir, { recursive: true });

  const { child, exited, description } = await startServer(port, dataDir);
  log(`[db] started ${description}`);
  return {
    uri,
    description,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      if (opts.mode === 'throwaway') rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface ServerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  description: string;
}

/**
 * Starts mongod (when on PATH) or FerretDB on `port` with data in `dataDir` and waits until it answers.
 * The fault drills use it directly to stop a server and start it again on the same data.
 */
export async function startServer(port: number, dataDir: string): Promise<ServerProcess> {
  const uri = `mongodb://127.0.0.1:${port}/`;
  mkdirSync(dataDir, { recursive: true });
  let child: ChildProcess;
  let description: string;
  if (onPath('mongod')) {
    child = spawn('mongod', ['--bind_ip', '127.0.0.1', '--port', String(port), '--dbpath', dataDir, '--quiet'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    description = `mongod (MongoDB) on ${uri}, data in ${dataDir}`;
  } else {
    if (!existsSync(ferretBin)) {
      const built = spawnSync('bash', [path.join(repoRoot, 'scripts/install-ferretdb.sh')], { stdio: 'inherit' });
      if (built.status !== 0) throw new Error('could not build FerretDB; set MONGODB_URI or install Go');
    }
    child = spawn(ferretBin, ['--listen', `127.0.0.1:${port}`, '--data-dir', dataDir, '--log-level', 'error'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    description = `FerretDB v1.24 (SQLite backend) on ${uri}, data in ${dataDir}`;
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const up = await Promise.race([waitForPing(uri, 30_000), exited.then(() => false)]);
  if (!up) {
    child.kill('SIGKILL');
    throw new Error(`database server did not come up on ${uri}`);
  }
  return { child, exited, description };
}

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function ping(uri: string, timeoutMs: number): Promise<boolean> {
  const conn = mongoose.createConnection(uri, { serverSelectionTimeoutMS: timeoutMs, dbName: 'admin' });
  try {
    await conn.asPromise();
    await conn.db!.admin().ping();
    return true;
  } catch {
    return false;
  } finally {
    await conn.close().catch(() => {});
  }
}

async function waitForPing(uri: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await ping(uri, 1000)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

// `npm run db:start`: run the dev server in the foreground until Ctrl-C.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const db = await ensureDatabase({ mode: 'dev' });
  console.log(`MONGODB_URI=${db.uri}techbridge`);
  const stop = () => void db.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
