/**
 * `npm start`: the whole product on one machine for development and demos.
 *  - a MongoDB-compatible server (MONGODB_URI, else a local one with data in .data/db);
 *  - the sample content (idempotent seed);
 *  - the api on PORT (default 3000) with dev login enabled and its broadcast scheduler, serving the
 *    mini-program's H5 build under /h5/ (built first when its sources changed; TECHBRIDGE_NO_H5=1 skips);
 *  - the bot (bot/src/main.ts) on the wechaty mock puppet in a simulated world of the sample groups,
 *    printing every message it sends (TECHBRIDGE_NO_BOT=1 to leave it out; WECHATY_PUPPET for a real one),
 *    with the simulated WeChat console in the browser on CONSOLE_PORT (default 3100; 0 = none).
 * Settings come from the environment or a .env file; development secrets that are missing are
 * generated once into .data/dev-secrets.json (ignored by git). Production never takes this path:
 * run `node --conditions=source --import tsx api/src/server.ts` with real settings instead.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { ensureDatabase, repoRoot } from './db.js';
import { parseEnv } from '../api/src/env.js';
import { startApi } from '../api/src/server.js';
import { createModels, syncIndexes } from '../api/src/models/index.js';
import { seed } from '../api/src/commands/seed.js';
import { ensureH5Build } from './h5Build.js';

const envFile = path.join(repoRoot, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);
if (process.env.NODE_ENV === 'production') {
  console.error('npm start is the development stack; in production run api/src/server.ts with real settings.');
  process.exit(1);
}

function devSecrets(): { JWT_SECRET: string; BOT_TOKEN: string } {
  const file = path.join(repoRoot, '.data/dev-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  const secrets = { JWT_SECRET: randomBytes(32).toString('hex'), BOT_TOKEN: randomBytes(24).toString('hex') };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const db = await ensureDatabase({ mode: 'dev' });
const env = parseEnv({
  ...devSecrets(),
  DEV_LOGIN: '1',
  // Quiet request logs so the bot's printed conversation stays readable; LOG_LEVEL=info for more.
  LOG_LEVEL: 'warn',
  CORS_ORIGINS: 'http://localhost:10086,http://127.0.0.1:10086',
  ...process.env,
  MONGODB_URI: process.env.MONGODB_URI ?? `${db.uri}techbridge`,
});

const conn = await mongoose.createConnection(env.MONGODB_URI).asPromise();
const models = createModels(conn);
await syncIndexes(models);
const counts = await seed(models);
await conn.close();
console.log(`[seed] ${counts.policies} policies, ${counts.programs} programs, ${counts.events} events, ${counts.groups} groups`);

if (process.env.TECHBRIDGE_NO_H5 !== '1') ensureH5Build();
const api = await startApi(env);
console.log(`[api] listening on ${api.url}  (health: ${api.url}/healthz, OpenAPI: ${api.url}/api/v1/openapi.json)`);
console.log(`[h5] the mini-program's H5 site: ${api.url}/h5/`);
console.log('[api] dev login: POST /api/v1/auth/dev {"openid":"demo"}; first admin: npm run admin:create -- <username>');

let bot: ChildProcess | undefined;
if (process.env.TECHBRIDGE_NO_BOT !== '1') {
  const consolePort = process.env.CONSOLE_PORT ?? '3100';
  const mockPuppet = (process.env.WECHATY_PUPPET ?? 'wechaty-puppet-mock') === 'wechaty-puppet-mock';
  if (mockPuppet && consolePort !== '0') {
    console.log(
      `[console] simulated WeChat: http://127.0.0.1:${consolePort}/  (type into the demo groups as owner, manager or member)`,
    );
  }
  // A separate process, as in production: the bot only talks to the api over HTTP.
  bot = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', path.join(repoRoot, 'bot/src/main.ts')], {
    stdio: 'inherit',
    env: { ...process.env, BOT_TOKEN: env.BOT_TOKEN, API_BASE_URL: api.url, BOT_NAME: env.BOT_NAME },
  });
  bot.on('exit', (code) => console.log(`[bot] exited (${code})`));
}

const shutdown = async () => {
  if (bot && bot.exitCode === null) {
    bot.kill('SIGTERM');
    await new Promise((r) => bot!.once('exit', r));
  }
  await api.stop();
  await db.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
