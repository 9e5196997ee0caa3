/**
 * `npm run fuzz`: schemathesis against the api's own OpenAPI document (/api/v1/openapi.json), on a
 * throwaway database with the sample content, once as a plain user and once as an organizer.
 * Checks: no 5xx for any generated input, and every documented response matches its schema.
 * Bounded (FUZZ_MAX_EXAMPLES per operation, FUZZ_SEED for a reproducible run) so CI can afford it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { ensureDatabase, repoRoot } from './db.js';
import { parseEnv } from '../api/src/env.js';
import { startApi } from '../api/src/server.js';
import { signToken } from '../api/src/auth/tokens.js';
import { seed } from '../api/src/commands/seed.js';

const bin = path.join(repoRoot, '.tools/venv/bin/schemathesis');
const install = spawnSync('bash', [path.join(repoRoot, 'scripts/install-schemathesis.sh')], { stdio: 'inherit' });
if (install.status !== 0) throw new Error('could not install schemathesis');

// WeChat's jscode2session is an edge we cannot reach: a local stand-in rejects every code as WeChat does
// for a bad one (errcode 40029), so the fuzzer exercises our handling instead of a network error.
const fakeWechat = createServer((_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ errcode: 40029, errmsg: 'invalid code' }));
}).listen(0, '127.0.0.1');
await once(fakeWechat, 'listening');
const wechatPort = (fakeWechat.address() as AddressInfo).port;

const db = await ensureDatabase({ mode: 'throwaway', log: (l) => console.error(l) });
const env = parseEnv({
  NODE_ENV: 'test',
  PORT: '0',
  MONGODB_URI: `${db.uri}fuzz`,
  JWT_SECRET: randomBytes(32).toString('hex'),
  BOT_TOKEN: randomBytes(24).toString('hex'),
  LOG_LEVEL: 'silent',
  H5_DIR: '',
  WECHAT_APPID: 'wx-fuzz',
  WECHAT_SECRET: 'fuzz-secret',
  WECHAT_API_BASE: `http://127.0.0.1:${wechatPort}`,
  // The fuzzer sends far more than a person: rate limits would only turn its requests into 429s.
  RATE_LIMIT_REGISTER_PER_MIN: '100000',
  RATE_LIMIT_LOGIN_PER_MIN: '100000',
});
const api = await startApi(env, { sweep: false, scheduler: false });
await seed(api.deps.models);
const tokenFor = async (roles: ('organizer' | 'admin')[], name: string) => {
  const user = await api.deps.models.User.create({ openid: `fuzz-${name}`, roles, name });
  return signToken(env, String(user._id), roles).token;
};
const callers = { user: await tokenFor([], 'user'), organizer: await tokenFor(['organizer'], 'organizer') };

// Async spawn: the api runs in this process and must keep answering while schemathesis runs. Its output is shown
// as it comes and kept, to tell the api's failures from the tool's own crashes.
const schemathesis = (args: string[]) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    const child = spawn(bin, ['run', `${api.url}/api/v1/openapi.json`, ...args, '--no-color'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      output += chunk.toString('utf8');
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });

/**
 * A run that failed with no failed check, only errors of schemathesis itself (seen once in CI: a CPython
 * "AST constructor recursion depth mismatch" inside its input generator). Such a run says nothing about the
 * api, so it is run again once; a second crash, or any failed check, fails the fuzz.
 */
const toolCrashOnly = (output: string) => !/^Failures:/m.test(output) && /^Errors:/m.test(output) && /Runtime Error/.test(output);

const bounded = [
  '--checks',
  'not_a_server_error,response_schema_conformance',
  '--max-examples',
  process.env.FUZZ_MAX_EXAMPLES ?? '15',
  '--seed',
  process.env.FUZZ_SEED ?? '20261123',
  '--workers',
  '2',
  '--suppress-health-check',
  'all',
];

const runs: [string, string[]][] = [
  ['a user', ['--header', `Authorization: Bearer ${callers.user}`]],
  ['an organizer', ['--header', `Authorization: Bearer ${callers.organizer}`]],
  // The bot's routes take the service token, not a user's.
  ['the bot', ['--header', `Authorization: Bearer ${env.BOT_TOKEN}`, '--include-path-regex', '^/api/v1/bot/']],
];
const failures: string[] = [];
for (const [who, args] of runs) {
  console.log(`\n== schemathesis as ${who}`);
  let run = await schemathesis([...bounded, ...args]);
  if (run.code !== 0 && toolCrashOnly(run.output)) {
    console.log(`\n== schemathesis crashed (its own Runtime Error, no failed check): running again as ${who}`);
    run = await schemathesis([...bounded, ...args]);
  }
  if (run.code !== 0) failures.push(who);
}
await api.stop();
fakeWechat.close();
await db.stop();
if (failures.length > 0) console.error(`schemathesis found problems as: ${failures.join(', ')}`);
process.exit(failures.length > 0 ? 1 : 0);
