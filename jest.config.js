/**
 * jest for the whole repository (`npm test`; README "Testing"). Test files are TypeScript ESM; @swc/jest compiles
 * them (and the sources they import) to CommonJS, which is what jest runs without experimental flags.
 */

/** @type {import('jest').Config} */
export default {
  rootDir: '.',
  roots: ['<rootDir>/test'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/bench/', '<rootDir>/test/support/'],
  testEnvironment: 'node',
  // `source` first: the @techbridge/* workspace packages resolve to their TypeScript sources, as under
  // `node --conditions=source`, so tests never run a stale dist/.
  testEnvironmentOptions: { customExportConditions: ['source', 'node', 'node-addons'] },
  transform: {
    // TypeScript only: plain .js (the packages, the mini-program's weapp build) is loaded as it is.
    '^.+\\.tsx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  // The sources import `./x.js` for `./x.ts` (NodeNext resolution); jest looks the extensionless path up.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  // Outbound network blocked in every test process (loopback only).
  setupFiles: ['<rootDir>/test/support/blockNetwork.ts'],
  // The mini-program builds compile while the files that do not open them run (scripts/jest/builds.js).
  setupFilesAfterEnv: ['<rootDir>/test/support/builds.ts'],
  globalSetup: '<rootDir>/scripts/jest/globalSetup.js',
  globalTeardown: '<rootDir>/scripts/jest/globalTeardown.js',
  testSequencer: '<rootDir>/scripts/jest/sequencer.js',
  // jest's usual output, then one line of counts at the very end (scripts/jest/reporter.js).
  reporters: ['<rootDir>/scripts/jest/reporter.js'],
  // The longest tests (the H5 flows in Chromium, the fault drills) take 10-40 s while sharing two cores.
  testTimeout: 120_000,
  // Measured on the 2-core machine, full runs from a fresh build: 2 workers 300-340 s, 3 workers 245-310 s. The
  // files spend about half their time waiting (on the database, Chromium, timers), so a third worker fills it. An
  // earlier measurement saw the SIGTERM drill fail at 3 workers; it passed in all six 3-worker runs since.
  maxWorkers: 3,
};
