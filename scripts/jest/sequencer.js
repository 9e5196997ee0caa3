/**
 * jest testSequencer (`npm test`): jest's own order (failed last time first, then slowest first), except that the
 * files opening a mini-program build (test/h5, test/miniprogram) come after all the others. globalSetup starts the
 * builds in the background (builds.js), so the other files run while they compile and the files that need them
 * start once they are most likely ready; test/support/builds.ts makes those wait if not.
 */
import TestSequencer from '@jest/test-sequencer';
import { buildFor } from './builds.js';

export default class BuildsLastSequencer extends TestSequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    return [...sorted.filter((t) => !buildFor(t.path)), ...sorted.filter((t) => buildFor(t.path))];
  }
}
