/** The bot's settings: defaults, and a clear refusal naming the variable when one is wrong. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { parseEnv } from '../../bot/src/env.js';

const TOKEN = 'x'.repeat(24);

test('defaults: the mock puppet, the local api and the pacing WeChat tolerates', () => {
  const env = parseEnv({ BOT_TOKEN: TOKEN });
  assert.equal(env.API_BASE_URL, 'http://127.0.0.1:3000');
  assert.equal(env.WECHATY_PUPPET, 'wechaty-puppet-mock');
  assert.equal(env.SEND_MIN_ROOM_GAP_MS, 60_000);
  assert.deepEqual([env.SEND_PAUSE_MIN_MS, env.SEND_PAUSE_MAX_MS], [3_000, 5_000]);
  assert.deepEqual([env.SEND_PER_MINUTE_CAP, env.SEND_DAILY_BUDGET], [12, 500]);
  assert.deepEqual([env.RATE_LIMIT_PAUSE_MS, env.CLAIM_INTERVAL_MS, env.HEARTBEAT_MS], [600_000, 5_000, 30_000]);
});

test('a bad variable is named in the error', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{}, /BOT_TOKEN/],
    [{ BOT_TOKEN: 'short' }, /BOT_TOKEN: must be at least 24/],
    [{ BOT_TOKEN: TOKEN, API_BASE_URL: 'not a url' }, /API_BASE_URL/],
    [{ BOT_TOKEN: TOKEN, SEND_PAUSE_MIN_MS: '6000' }, /SEND_PAUSE_MAX_MS: must be at least SEND_PAUSE_MIN_MS/],
    [{ BOT_TOKEN: TOKEN, WECHATY_PUPPET: 'wechaty-puppet-xp' }, /WECHATY_PUPPET/],
    [{ BOT_TOKEN: TOKEN, WECHATY_PUPPET: 'wechaty-puppet-service' }, /WECHATY_PUPPET_SERVICE_TOKEN: is required/],
    [{ BOT_TOKEN: TOKEN, CLAIM_LEASE_SECONDS: '60' }, /CLAIM_LEASE_SECONDS: must leave room/],
    [{ BOT_TOKEN: TOKEN, SEND_PER_MINUTE_CAP: 'twelve' }, /SEND_PER_MINUTE_CAP/],
  ];
  for (const [source, message] of cases) assert.throws(() => parseEnv(source), message, JSON.stringify(source));
});

test('main.ts exits with status 1 and names the variable instead of starting', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  // Set (not just missing) so that a developer's bot/.env cannot fill it in.
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', BOT_TOKEN: 'short' };
  const run = spawnSync(process.execPath, ['--conditions=source', '--import', 'tsx', 'bot/src/main.ts'], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /Invalid environment:\n {2}BOT_TOKEN: must be at least 24 characters/);
});
