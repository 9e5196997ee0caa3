import { clearTimeout, setTimeout } from 'node:timers';

/**
 * jest globalTeardown: stops the throwaway database server globalSetup started (if it started one), and a
 * mini-program build still compiling (a run of files that did not wait for it, or one cut short).
 */
export default async function globalTeardown() {
  for (const build of globalThis.__techbridgeBuilds ?? []) if (build.exitCode === null) build.kill('SIGTERM');
  const child = globalThis.__techbridgeDb;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
  globalThis.__techbridgeDb = undefined;
}
