/**
 * The mini-program builds that other scripts rely on, rebuilt only when a source file is newer than the last build:
 * - H5 (`dist/h5`), built with the `e2e` mode (api on the same origin): what the api serves under /h5/ for
 *   `npm start` and what the browser tests open;
 * - weapp (`dist/weapp`), the production mini-program build: what the simulator tests load.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoRoot } from './db.js';

const appDir = path.join(repoRoot, 'miniprogram');
export const h5Dir = path.join(appDir, 'dist/h5');
export const weappDir = path.join(appDir, 'dist/weapp');

function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    return Math.max(max, t);
  }, 0);
}

interface Target {
  label: string;
  /** A file the build writes last-ish; its mtime is the build time. */
  marker: string;
  /** The `.env.<mode>` file the build reads. */
  envFile: string;
  args: string[];
  seconds: number;
}

const H5: Target = {
  label: 'h5',
  marker: path.join(h5Dir, 'index.html'),
  envFile: '.env.e2e',
  args: ['--type', 'h5', '--mode', 'e2e'],
  seconds: 30,
};
const WEAPP: Target = {
  label: 'weapp',
  marker: path.join(weappDir, 'app.js'),
  envFile: '.env.production',
  args: ['--type', 'weapp'],
  seconds: 15,
};

function isStale(target: Target): boolean {
  if (!existsSync(target.marker)) return true;
  const built = statSync(target.marker).mtimeMs;
  const sources = [path.join(appDir, 'src'), path.join(appDir, 'config'), path.join(repoRoot, 'shared/src')];
  const files = [path.join(appDir, target.envFile), path.join(appDir, 'babel.config.js'), path.join(appDir, 'package.json')];
  return (
    sources.some((dir) => newestMtime(dir) > built) || files.some((file) => existsSync(file) && statSync(file).mtimeMs > built)
  );
}

function ensureBuild(target: Target, log: (line: string) => void): void {
  if (!isStale(target)) return;
  log(`[${target.label}] building the mini-program for ${target.label} (about ${target.seconds} s)…`);
  const result = spawnSync('npx', ['taro', 'build', ...target.args], {
    cwd: appDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    // The default output root (dist/<target>) and a production build, whatever the caller's environment
    // says: jest runs its globalSetup with NODE_ENV=test, which makes Taro emit a dev build (React refresh).
    env: { ...process.env, TB_OUTPUT_DIR: 'dist', NODE_ENV: 'production' },
  });
  // Taro draws a progress bar on stderr; show its output only when the build fails.
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`${target.label} build failed (exit ${result.status})`);
  }
}

export const h5BuildIsStale = (): boolean => isStale(H5);
export const weappBuildIsStale = (): boolean => isStale(WEAPP);

/** Build H5 (same-origin api) if it is missing or older than its sources; throws if the build fails. */
export function ensureH5Build(log: (line: string) => void = console.log): void {
  ensureBuild(H5, log);
}

/** Build the weapp mini-program if it is missing or older than its sources; throws if the build fails. */
export function ensureWeappBuild(log: (line: string) => void = console.log): void {
  ensureBuild(WEAPP, log);
}

// Run directly with the targets to bring up to date, e.g. `scripts/h5Build.ts h5 weapp`; `npm test` runs one process
// per target side by side (scripts/jest/builds.js). Exits non-zero when a build fails.
if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const targets = process.argv.slice(2);
  const unknown = targets.filter((t) => t !== 'h5' && t !== 'weapp');
  if (unknown.length > 0) {
    console.error(`unknown build target(s): ${unknown.join(', ')} (expected h5, weapp)`);
    process.exit(2);
  }
  if (targets.includes('h5')) ensureH5Build();
  if (targets.includes('weapp')) ensureWeappBuild();
}
