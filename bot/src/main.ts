/**
 * `npm start -w bot`: the bot process. With WECHATY_PUPPET=wechaty-puppet-mock (the default) it
 * runs in the simulated demo world and prints what it sends; with wechaty-puppet-service or
 * wechaty-puppet-wechat4u the same code drives a real WeChat account (scan the QR code it prints).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WechatyBuilder } from 'wechaty';
import type { WechatyInterface } from 'wechaty/impls';
import { ApiClient } from './apiClient.js';
import { startConsole, type RunningConsole } from './console/server.js';
import { createDemoWorld, type DemoWorld } from './demo/world.js';
import { parseEnv, type Env } from './env.js';
import { createLogger } from './logger.js';
import { configFromEnv, startBot } from './startBot.js';

// bot/.env, when present, fills what the environment does not set (see bot/.env.example).
const envFile = fileURLToPath(new URL('../.env', import.meta.url));
if (existsSync(envFile)) process.loadEnvFile(envFile);

let env: Env;
try {
  env = parseEnv(process.env);
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}

const demo = env.WECHATY_PUPPET === 'wechaty-puppet-mock';
// In the demo the printed conversation is the point: only warnings and errors as JSON unless asked.
const log = createLogger(demo && !process.env.LOG_LEVEL ? 'warn' : env.LOG_LEVEL);
const api = new ApiClient({ baseUrl: env.API_BASE_URL, token: env.BOT_TOKEN, log: log.child({ part: 'api' }) });

let world: DemoWorld | undefined;
let bot: WechatyInterface;
if (demo) {
  world = createDemoWorld({ chatterMs: env.DEMO_CHATTER_MS, botName: env.BOT_NAME });
  bot = WechatyBuilder.build({ puppet: world.puppet });
} else {
  bot = WechatyBuilder.build({
    // The name keeps the login session in `techbridge-<account>.memory-card.json` across restarts.
    name: `techbridge-${env.BOT_ACCOUNT}`,
    puppet: env.WECHATY_PUPPET,
    puppetOptions: env.WECHATY_PUPPET_SERVICE_TOKEN ? { token: env.WECHATY_PUPPET_SERVICE_TOKEN } : {},
  });
  bot.on('scan', (qrcode) => {
    console.log(`[登录] 请用微信扫码: https://wechaty.js.org/qrcode/${encodeURIComponent(qrcode)}`);
  });
}
bot.on('login', (user) => console.log(`[登录] ${user.name()} 已登录 (${env.WECHATY_PUPPET}, 账号标签 ${env.BOT_ACCOUNT})`));
bot.on('logout', (user) => console.log(`[登录] ${user.name()} 已退出`));

const running = await startBot({ bot, api, config: configFromEnv(env), log });
console.log(`[bot] api ${env.API_BASE_URL}, puppet ${env.WECHATY_PUPPET}`);
world?.login();

// The simulated WeChat console: demo world only, never in production (startConsole refuses it too).
let consoleServer: RunningConsole | undefined;
if (world && env.CONSOLE_PORT > 0 && env.NODE_ENV !== 'production') {
  try {
    consoleServer = await startConsole({ world, api, account: env.BOT_ACCOUNT, port: env.CONSOLE_PORT, log });
    console.log(`[控制台] 模拟微信：${consoleServer.url}（在浏览器中以群主、管理员或成员身份发言）`);
  } catch (err) {
    console.error(`[控制台] 未能启动（端口 ${env.CONSOLE_PORT}）：${err instanceof Error ? err.message : String(err)}`);
  }
}

let stopping = false;
const shutdown = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  world?.stop();
  await consoleServer?.stop();
  await running.stop();
  process.exit(0);
};
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));
