/**
 * Runs a TypeScript entry point with MONGODB_URI pointing at a database: the one in the
 * environment, or the local dev server (started here when needed, and stopped afterwards).
 * Usage: node --import tsx scripts/with-db.ts <file.ts> [args...]
 */
import { spawn } from 'node:child_process';
import { ensureDatabase } from './db.js';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  console.error('usage: with-db.ts <entry.ts> [args...]');
  process.exit(2);
}
const db = await ensureDatabase({ mode: 'dev', log: (l) => console.error(l) });
const uri = process.env.MONGODB_URI ?? `${db.uri}techbridge`;
const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', entry, ...args], {
  stdio: 'inherit',
  env: { ...process.env, MONGODB_URI: uri, ...(db.pid ? { BENCH_DB_PID: String(db.pid) } : {}) },
});
const code: number = await new Promise((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
await db.stop();
process.exit(code);
