/**
 * jest globalSetup (`npm test`): prepares what the test files share, once per run, before any of them starts.
 * - The database server: a throwaway one (scripts/db.ts --serve-throwaway, in memory, free port), or MONGODB_URI
 *   when that is set. Its address reaches every test process as TECHBRIDGE_TEST_MONGODB; each test file makes its
 *   own database there (test/support/api.ts), so files can run in parallel.
 * - The mini-program builds (scripts/h5Build.ts), only when the run includes test files that need them: the H5 build
 *   for test/h5 (browser tests), the weapp build for test/miniprogram (simulator tests). They are started, not
 *   awaited (scripts/jest/builds.js): the other files run while they compile. TECHBRIDGE_TEST_BUILDS (`h5,weapp`,
 *   `h5`, `weapp` or `none`) overrides the choice.
 * This file runs outside jest's transform, so it sticks to Node's built-ins and runs the TypeScript scripts in child
 * processes (`node --conditions=source --import tsx`).
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { BUILD_FOR, buildFor, root, startBuilds } from './builds.js';

const tsNode = [process.execPath, '--conditions=source', '--import', 'tsx'];

/** Every test file jest could run (the same rule as testMatch / testPathIgnorePatterns in jest.config.js). */
function allTestFiles(dir = path.join(root, 'test')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'bench' || entry.name === 'support' ? [] : allTestFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/**
 * The test files this run selects, as far as the path patterns tell (`npm test -- test/h5`, `jest user.test`).
 * Modes that pick files some other way (changed files, related files) count as "everything": a build too many
 * costs time, a build missing fails the tests.
 */
function selectedTestFiles(globalConfig) {
  const files = allTestFiles();
  if (globalConfig.onlyChanged || globalConfig.findRelatedTests || globalConfig.changedSince) return files;
  const patterns = globalConfig.testPathPatterns;
  if (!patterns) return files;
  if (typeof patterns.toExecutor === 'function') {
    const executor = patterns.toExecutor({ rootDir: globalConfig.rootDir });
    return files.filter((file) => executor.isMatch(file));
  }
  const list = Array.isArray(patterns) ? patterns : (patterns.patterns ?? []);
  if (list.length === 0) return files;
  const regex = new RegExp(list.join('|'), 'i');
  return files.filter((file) => regex.test(file));
}

function buildsNeeded(globalConfig) {
  const override = process.env.TECHBRIDGE_TEST_BUILDS;
  if (override !== undefined) return override.split(',').filter((b) => b === 'h5' || b === 'weapp');
  const needed = new Set(selectedTestFiles(globalConfig).map(buildFor));
  return Object.values(BUILD_FOR).filter((build) => needed.has(build));
}

/**
 * Starts scripts/db.ts --serve-throwaway and resolves with the URI it prints. The server's own log (mostly
 * mongo-java-server's warnings about index types it ignores) is kept out of the test output: the last lines are
 * shown only if it fails to start. It stops when its stdin closes, so it cannot outlive this process.
 */
function startDatabase() {
  return new Promise((resolve, reject) => {
    const child = spawn(tsNode[0], [...tsNode.slice(1), path.join(root, 'scripts/db.ts'), '--serve-throwaway'], {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let log = '';
    let out = '';
    child.stderr.setEncoding('utf8').on('data', (chunk) => (log = (log + chunk).slice(-8000)));
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const match = /^TECHBRIDGE_TEST_MONGODB=(\S+)$/m.exec(out);
      if (match) {
        globalThis.__techbridgeDb = child;
        // Nothing here may keep jest's process alive; the teardown stops the server.
        child.unref();
        for (const stream of [child.stdin, child.stdout, child.stderr]) stream.unref?.();
        resolve(match[1]);
      }
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      reject(new Error(`the test database server exited (${code}) before it was ready:\n${log}${out}`));
    });
  });
}

export default async function globalSetup(globalConfig) {
  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL ??= 'silent';
  const builds = startBuilds(buildsNeeded(globalConfig));
  globalThis.__techbridgeBuilds = builds;
  try {
    process.env.TECHBRIDGE_TEST_MONGODB = process.env.MONGODB_URI ?? (await startDatabase());
  } catch (e) {
    // No teardown follows a failed setup: stop the builds here rather than leave them compiling.
    for (const child of builds) child.kill('SIGTERM');
    throw e;
  }
}
