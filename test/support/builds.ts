/**
 * jest setupFilesAfterEnv: a test file under test/h5 or test/miniprogram waits, before its own beforeAll, for the
 * mini-program build it opens. globalSetup starts the builds without waiting for them (scripts/jest/builds.js); it
 * passes which folder opens which build (TECHBRIDGE_TEST_BUILD_FOR), and each build reports `ok` or its failure in a
 * file under TECHBRIDGE_TEST_BUILDS_DIR.
 */
import { beforeAll, expect } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const BUILD_FOR: Record<string, string> = JSON.parse(process.env.TECHBRIDGE_TEST_BUILD_FOR ?? '{}');
/** Both builds from nothing take about a minute on two cores; a loaded machine gets ten. */
const LIMIT_MS = 10 * 60_000;

const testPath = expect.getState().testPath ?? '';
const folder = path.relative(fileURLToPath(new URL('..', import.meta.url)), testPath).split(path.sep)[0] ?? '';
const build = Object.hasOwn(BUILD_FOR, folder) ? BUILD_FOR[folder] : undefined;
const dir = process.env.TECHBRIDGE_TEST_BUILDS_DIR;

if (build && dir) {
  beforeAll(async () => {
    const status = path.join(dir, build);
    const until = Date.now() + LIMIT_MS;
    while (!existsSync(status)) {
      if (Date.now() > until) throw new Error(`the ${build} build did not finish within ${LIMIT_MS / 60_000} minutes`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const result = readFileSync(status, 'utf8');
    if (result !== 'ok') throw new Error(`the ${build} mini-program build ${result}`);
  }, LIMIT_MS + 10_000);
}
