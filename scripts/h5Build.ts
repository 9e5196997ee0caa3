/**
 * The H5 build that the api serves under /h5/: built with the mini-program's `e2e` mode (api on the same
 * origin). Rebuilt only when a source file is newer than the last build, so `npm start` stays fast.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './db.js';

const appDir = path.join(repoRoot, 'miniprogram');
export const h5Dir = path.join(appDir, 'dist/h5');

function newestMtime(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
    const full = path.join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs;
    return Math.max(max, t);
  }, 0);
}

export function h5BuildIsStale(): boolean {
  const index = path.join(h5Dir, 'index.html');
  if (!existsSync(index)) return true;
  const built = statSync(index).mtimeMs;
  const sources = [path.join(appDir, 'src'), path.join(appDir, 'config'), path.join(repoRoot, 'shared/src')];
  return sources.some((dir) => newestMtime(dir) > built) || statSync(path.join(appDir, '.env.e2e')).mtimeMs > built;
}

/** Build H5 (same-origin api) if it is missing or older than its sources; throws if the build fails. */
export function ensureH5Build(log: (line: string) => void = console.log): void {
  if (!h5BuildIsStale()) return;
  log('[h5] building the mini-program for H5 (about 30 s)…');
  const result = spawnSync('npx', ['taro', 'build', '--type', 'h5', '--mode', 'e2e'], {
    cwd: appDir,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  // Taro draws a progress bar on stderr; show its output only when the build fails.
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`H5 build failed (exit ${result.status})`);
  }
}
