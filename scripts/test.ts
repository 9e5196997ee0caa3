/**
 * `npm test`: starts a throwaway database server (unless MONGODB_URI is set), then runs every
 * test file under test/ with node's built-in runner. Each test file makes its own database on
 * that server, so files can run in parallel.
 * Options: `--only <dir|file>` limits to test/<dir> or one test file; any other argument is passed to `node --test`.
 * When the browser tests (test/h5) are selected, the mini-program's H5 build is brought up to date first, and the
 * weapp build for the simulator tests (test/miniprogram): once for the whole run, before any test file starts
 * (see scripts/h5Build.ts).
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureDatabase, repoRoot } from './db.js';
import { ensureH5Build, ensureWeappBuild } from './h5Build.js';

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'bench' || name === 'support' ? [] : findTests(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

const argv = process.argv.slice(2);
const onlyIdx = argv.indexOf('--only');
const only = onlyIdx >= 0 ? argv.splice(onlyIdx, 2)[1] : undefined;
const target = path.join(repoRoot, 'test', only ?? '');
const files = (statSync(target, { throwIfNoEntry: false })?.isFile() ? [target] : findTests(target)).sort();
if (files.length === 0) {
  console.error('no test files found');
  process.exit(1);
}

const needsBuild = (dir: string) => files.some((f) => f.startsWith(path.join(repoRoot, 'test', dir) + path.sep));
if (needsBuild('h5') || needsBuild('miniprogram')) {
  const started = Date.now();
  if (needsBuild('h5')) ensureH5Build();
  if (needsBuild('miniprogram')) ensureWeappBuild();
  console.log(`[build] mini-program builds ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

const db = await ensureDatabase({ mode: 'throwaway' });
const child = spawn(
  process.execPath,
  [
    '--conditions=source',
    '--import',
    'tsx',
    '--import',
    path.join(repoRoot, 'test/support/blockNetwork.ts'),
    '--test',
    '--test-concurrency=2',
    ...argv,
    ...files,
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'test', TECHBRIDGE_TEST_MONGODB: db.uri, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
  },
);
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await db.stop();
process.exit(code);
