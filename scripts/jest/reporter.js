/**
 * jest's own output (per-file results, the failures, the summary), then one plain line with the test counts at the
 * very end, e.g. `258 passed, 0 failed, 3 skipped` (skipped = test.skip and test.todo).
 * jest always prints its summary after every configured reporter, so this reporter runs jest's default and summary
 * reporters itself (jest.config.js lists only this one) and writes its line after them.
 * A test file that could not run at all (a syntax error, a failing beforeAll with no test to blame) has no failed test
 * to count: such files are named on a line of their own just before.
 */
import { DefaultReporter, SummaryReporter, VerboseReporter } from '@jest/reporters';

/** jest's reporter hooks, and the older name jest falls back to when a reporter lacks the newer one. */
const HOOKS = {
  onRunStart: null,
  onTestFileStart: 'onTestStart',
  onTestCaseStart: null,
  onTestCaseResult: null,
  onTestFileResult: 'onTestResult',
};

export default class TechbridgeReporter {
  constructor(globalConfig, options) {
    const Main = globalConfig.verbose ? VerboseReporter : DefaultReporter;
    this.reporters = [new Main(globalConfig), new SummaryReporter(globalConfig, options)];
    for (const [hook, fallback] of Object.entries(HOOKS)) {
      this[hook] = async (...args) => {
        for (const reporter of this.reporters) {
          const method = reporter[hook] ?? (fallback && reporter[fallback]);
          if (method) await method.apply(reporter, args);
        }
      };
    }
  }

  async onRunComplete(testContexts, results) {
    for (const reporter of this.reporters) await reporter.onRunComplete?.(testContexts, results);
    const broken = results.testResults.filter((file) => file.testExecError).map((file) => file.testFilePath);
    if (broken.length > 0) process.stderr.write(`${broken.length} test file(s) failed to run: ${broken.join(', ')}\n`);
    const skipped = results.numPendingTests + results.numTodoTests;
    // On stderr, like jest's own output, so it stays after it when both go to one terminal or file.
    process.stderr.write(`${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`);
  }

  getLastError() {
    return this.reporters.map((reporter) => reporter.getLastError?.()).find(Boolean);
  }
}
