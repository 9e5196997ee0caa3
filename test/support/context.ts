/**
 * What the tests used of node:test's TestContext, for jest: `t.after(fn)` (cleanup when the test ends, pass or fail)
 * and `t.diagnostic(message)` (a note printed with the test's output).
 *
 * Cleanups are kept per test and run by an `afterEach` this module registers in every test file that imports it
 * (jest runs each file in its own module registry), in the order they were registered, like node:test's `t.after`.
 * All of them run even when one throws; the first error then fails the test. They also run after a test that timed
 * out, so a stuck test still stops its servers and bots.
 */
import { afterEach } from '@jest/globals';

export interface TestContext {
  /** Runs `fn` once the current test has finished (passed, failed or timed out). */
  after(fn: () => unknown): void;
  /** Prints a note about the current test (node:test showed these in its report). */
  diagnostic(message: string): void;
}

let cleanups: (() => unknown)[] = [];

afterEach(async () => {
  const fns = cleanups;
  cleanups = [];
  const errors: unknown[] = [];
  for (const fn of fns) {
    try {
      await fn();
    } catch (err) {
      errors.push(err);
    }
  }
  if (errors.length > 0) throw errors[0];
});

const context: TestContext = {
  after: (fn) => void cleanups.push(fn),
  diagnostic: (message) => console.log(`[diagnostic] ${message}`),
};

/** The context of the test that is running: call it at the top of the test body. */
export const testContext = (): TestContext => context;
