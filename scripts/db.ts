/**
 * The one place that provides a MongoDB-compatible server for `npm start`, `npm test`,
 * the seed/admin commands, benchmarks and CI.
 *
 * Order of preference:
 *  1. MONGODB_URI from the environment (real MongoDB, e.g. the replica set in docker-compose.yml);
 *  2. a `mongod` on PATH;
 *  3. the embedded server: mongo-java-server, launched by scripts/mongo-server (a pom.xml and a small Main),
 *     built with Maven into .tools/mongo-server on first use. 'dev' mode keeps data in an H2 file under
 *     .data/db (each acknowledged write committed before the reply); 'throwaway' mode keeps it in memory.
 *     It is a test-grade MongoDB implementation, not MongoDB: the invariants rest only on what real
 *     MongoDB guarantees (docs/database.md).
 * Run directly (`npm run db:start`) it starts the persistent dev server and waits.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mongoose from 'mongoose';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const launcherSrc = path.join(repoRoot, 'scripts/mongo-server');
const launcherOut = path.join(repoRoot, '.tools/mongo-server');

export interface LocalDatabase {
  /** Connection string without a database name, e.g. mongodb://127.0.0.1:27117/ */
  uri: string;
  /** Human-readable description of what is serving `uri`. */
  description: string;
  /** The server's process id when this script started it (benchmarks read its CPU time from /proc). */
  pid?: number;
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
  // Throwaway servers keep their data in memory: nothing to clean up, and fast.
  const dataDir = opts.mode === 'dev' ? path.join(repoRoot, '.data/db') : undefined;
  const port = opts.mode === 'dev' ? DEV_PORT : await freePort();
  const uri = `mongodb://127.0.0.1:${port}/`;

  if (opts.mode === 'dev' && (await ping(uri, 1500))) {
    log(`[db] reusing the server already listening on ${uri} (data in ${dataDir})`);
    return { uri, description: `existing server on port ${port}`, stop: async () => {} };
  }
  const { child, exited, description } = await startServer(port, dataDir);
  log(`[db] started ${description}`);
  return {
    uri,
    description,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
}

export interface ServerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  description: string;
}

/**
 * Starts mongod (when on PATH) or the embedded server on `port` and waits until it answers.
 * With `dataDir` the data is durable there (H2 file, or mongod's dbpath); without it the embedded
 * server keeps everything in memory. The fault drills use this directly to kill a server and start
 * it again on the same data.
 */
export async function startServer(port: number, dataDir?: string, opts: { lazyCommit?: boolean } = {}): Promise<ServerProcess> {
  const uri = `mongodb://127.0.0.1:${port}/`;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  let child: ChildProcess;
  let description: string;
  if (onPath('mongod')) {
    const dbpath = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'techbridge-mongod-'));
    child = spawn('mongod', ['--bind_ip', '127.0.0.1', '--port', String(port), '--dbpath', dbpath, '--quiet'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    description = `mongod (MongoDB) on ${uri}, data in ${dbpath}`;
  } else {
    buildLauncher();
    const file = dataDir ? ['--file', path.join(dataDir, 'techbridge.mv.db')] : [];
    // H2's own background commit (about once a second): only the durability benchmark's baseline uses it.
    if (dataDir && opts.lazyCommit) file.push('--lazy-commit');
    child = spawn(
      'java',
      ['-XX:+UseSerialGC', '-Xss512k', '-cp', launcherClasspath(), 'techbridge.Main', '--port', String(port), ...file],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    description = `mongo-java-server 1.47 (${dataDir ? `H2 file in ${dataDir}` : 'in memory'}) on ${uri}`;
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const up = await Promise.race([waitForPing(uri, 60_000), exited.then(() => false)]);
  if (!up) {
    child.kill('SIGKILL');
    throw new Error(`database server did not come up on ${uri}`);
  }
  return { child, exited, description };
}

const launcherClasspath = () => [path.join(launcherOut, 'classes'), path.join(launcherOut, 'lib/*')].join(path.delimiter);

/** Newest modification time under a folder (the launcher's sources). */
function newestMtime(dir: string): number {
  return Math.max(
    ...readdirSync(dir, { withFileTypes: true }).map((e) => {
      const full = path.join(dir, e.name);
      return e.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    }),
  );
}

/**
 * Builds the launcher with Maven when its output is missing or older than its sources
 * (first run on a machine: about 15 s, most of it fetching jars from Maven Central).
 */
export function buildLauncher(): void {
  const stamp = path.join(launcherOut, 'classes/techbridge/Main.class');
  const libs = path.join(launcherOut, 'lib');
  if (existsSync(stamp) && existsSync(libs) && statSync(stamp).mtimeMs >= newestMtime(launcherSrc)) return;
  if (!onPath('java') || !onPath('mvn')) {
    throw new Error(
      'the embedded database needs Java 17 and Maven (apt-get install openjdk-17-jdk-headless maven), or set MONGODB_URI',
    );
  }
  console.error('[db] building the embedded database server (mongo-java-server) with Maven ...');
  rmSync(libs, { recursive: true, force: true });
  // Maven prints its errors on stdout: keep its output and show it only when the build fails.
  const built = spawnSync(
    'mvn',
    ['-q', '-B', '-f', path.join(launcherSrc, 'pom.xml'), 'package', 'dependency:copy-dependencies'],
    {
      encoding: 'utf8',
    },
  );
  if (built.status !== 0) {
    console.error(built.stdout, built.stderr);
    throw new Error('could not build the embedded database server; set MONGODB_URI or check Maven');
  }
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

// `npm run db:build`: build the embedded server only (CI does it before the tests, so a build failure is its own step).
// `--serve-throwaway` (jest's globalSetup, scripts/jest/globalSetup.js): start a throwaway server, print
// `TECHBRIDGE_TEST_MONGODB=<uri>` on one line of stdout (everything else goes to stderr), and serve until SIGTERM,
// SIGINT or the end of stdin (the parent is gone).
// `npm run db:start`: run the dev server in the foreground until Ctrl-C.
const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (isMain && process.argv.includes('--build')) {
  if (!process.env.MONGODB_URI && !onPath('mongod')) buildLauncher();
  console.log(`[db] embedded server ready in ${path.relative(repoRoot, launcherOut)}`);
} else if (isMain) {
  // Async functions rather than top-level await: the fault drills import this module into jest, which runs it as
  // CommonJS.
  void (process.argv.includes('--serve-throwaway') ? serveThrowaway() : serveDev());
}

async function serveThrowaway() {
  const db = await ensureDatabase({ mode: 'throwaway', log: (line) => console.error(line) });
  console.log(`TECHBRIDGE_TEST_MONGODB=${db.uri}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void db.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop).on('error', stop).resume();
}

async function serveDev() {
  const db = await ensureDatabase({ mode: 'dev' });
  console.log(`MONGODB_URI=${db.uri}techbridge`);
  const stop = () => void db.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  setInterval(() => {}, 1 << 30);
}
