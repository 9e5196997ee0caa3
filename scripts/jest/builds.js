/**
 * The mini-program builds a test run needs, started in the background by globalSetup so that the files that do not
 * open them run meanwhile (the sequencer puts the files that do last; test/support/builds.ts makes each of those wait
 * for its build). Every build reports in a status file of its own under TECHBRIDGE_TEST_BUILDS_DIR: `ok`, or why it
 * failed with the end of its output, which the waiting test files fail with.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsNode = [process.execPath, '--conditions=source', '--import', 'tsx'];

/** Which build the files of each test folder open (the test processes get it as TECHBRIDGE_TEST_BUILD_FOR). */
export const BUILD_FOR = { h5: 'h5', miniprogram: 'weapp' };

/** The build a test file needs, or null. */
export function buildFor(testFile) {
  const folder = path.relative(path.join(root, 'test'), testFile).split(path.sep)[0];
  return Object.hasOwn(BUILD_FOR, folder) ? BUILD_FOR[folder] : null;
}

/**
 * Starts scripts/h5Build.ts once per target, side by side (on two cores the two builds together take about 45 s
 * where one after the other took 60), and returns the children so that the teardown can stop any still running.
 * A build that is up to date exits at once.
 */
export function startBuilds(builds) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'techbridge-builds-'));
  process.env.TECHBRIDGE_TEST_BUILDS_DIR = dir;
  // Only the folders whose build runs wait (with TECHBRIDGE_TEST_BUILDS=none, none does).
  const waiting = Object.entries(BUILD_FOR).filter(([, build]) => builds.includes(build));
  process.env.TECHBRIDGE_TEST_BUILD_FOR = JSON.stringify(Object.fromEntries(waiting));
  const started = Date.now();
  return builds.map((target) => {
    const child = spawn(tsNode[0], [...tsNode.slice(1), path.join(root, 'scripts/h5Build.ts'), target], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [child.stdout, child.stderr]) {
      stream.setEncoding('utf8').on('data', (chunk) => (output = (output + chunk).slice(-6000)));
    }
    const report = (status) => writeFileSync(path.join(dir, target), status);
    child.once('error', (e) => report(`failed to start: ${e.message}`));
    child.once('exit', (code, signal) => {
      if (code === 0) {
        console.log(`[build] ${target} ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        report('ok');
      } else report(`failed (${signal ?? `exit ${code}`}):\n${output}`);
    });
    // The run does not wait on it: the teardown stops a build still going when the tests are done.
    child.unref();
    return child;
  });
}
