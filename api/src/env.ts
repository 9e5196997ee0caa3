/**
 * Every setting the api reads, validated once at start. A bad or missing value stops the
 * process with a message naming the variable, instead of failing later at first use.
 * Documented for operators in .env.example.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_BOT_NAME } from '@techbridge/shared';
import { readTemplates } from './notify/templates.js';

const bool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** A comma-separated list, blanks dropped. */
const csvList = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URI'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  JWT_TTL_HOURS: z.coerce
    .number()
    .positive()
    .default(24 * 7),
  BOT_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  WECHAT_APPID: z.string().default(''),
  WECHAT_SECRET: z.string().default(''),
  /** WeChat's HTTP API; tests point this at a local fake server. */
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
  /** WeCom's HTTP API (group-robot webhooks); tests point this at a local fake server. */
  WECOM_API_BASE: z.url().default('https://qyapi.weixin.qq.com'),
  /** Messages per minute per WeCom robot (WeCom's own limit is 20). */
  WECOM_PER_MINUTE: z.coerce.number().int().min(1).max(20).default(20),
  /** How long a robot waits after WeCom answers 45009 (over its limit). */
  WECOM_RATE_LIMIT_PAUSE_MS: z.coerce.number().int().min(0).default(60_000),
  /** How often the scheduler's lease holder looks for due WeCom deliveries (ms; 0 = never, tests drive it). */
  WECOM_POLL_MS: z.coerce.number().int().min(0).default(2000),
  /** A webhook call that has not answered after this long is a network failure (retried). */
  WECOM_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  /**
   * 1: send WeChat subscribe messages (订阅消息) to people; then WECHAT_APPID, WECHAT_SECRET and every
   * WECHAT_TEMPLATE_<KIND> mapping are required (notify/templates.ts describes the format).
   */
  SUBSCRIBE_MESSAGES: bool.default(false),
  /** Which mini-program version a message opens: formal, trial or developer. */
  WECHAT_MINIPROGRAM_STATE: z.enum(['formal', 'trial', 'developer']).default('formal'),
  /** Subscribe messages: how often the scheduler's lease holder sends what is due (0: only when asked, tests). */
  NOTIFY_INTERVAL_MS: z.coerce.number().int().min(0).default(5_000),
  /** Subscribe messages: attempts before `failed`, first retry delay (doubles each time). */
  NOTIFY_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(4),
  NOTIFY_RETRY_BASE_MS: z.coerce.number().int().min(0).default(30_000),
  /** Password-less login by openid for local development; refused in production whatever this says. */
  DEV_LOGIN: bool.default(false),
  CORS_ORIGINS: csvList,
  /** 1 only behind a reverse proxy that appends the client address to X-Forwarded-For (nginx). */
  TRUST_PROXY: bool.default(false),
  BODY_LIMIT_KB: z.coerce.number().int().min(1).max(10_240).default(256),
  RATE_LIMIT_LOGIN_PER_MIN: z.coerce.number().int().min(1).default(10),
  RATE_LIMIT_REGISTER_PER_MIN: z.coerce.number().int().min(1).default(30),
  /** Recorded link opens (POST /opens) per signed-in user or client address and minute. */
  RATE_LIMIT_OPEN_PER_MIN: z.coerce.number().int().min(1).default(60),
  /**
   * How long an instance trusts what it last read of a user (token version, roles, disabled): a
   * removed role, a disable or a password change stops every older token within this many seconds.
   */
  SESSION_CHECK_SECONDS: z.coerce.number().int().min(0).max(60).default(30),
  /** Organizer/admin password login: wrong passwords in a row before the account locks, and for how long. */
  LOGIN_LOCK_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().min(0).default(15),
  /** Public H5 origin used to build links in pushed messages. */
  H5_BASE_URL: z.url().default('http://localhost:3000/h5'),
  /** The mini-program's H5 build, served under /h5/; empty when nginx serves it instead. */
  H5_DIR: z.string().default(fileURLToPath(new URL('../../miniprogram/dist/h5', import.meta.url))),
  /** Bearer token for GET /metrics; when unset, /metrics answers only requests from this machine. */
  METRICS_TOKEN: z.string().min(16, 'METRICS_TOKEN 至少 16 个字符').optional(),
  /** On SIGTERM, keep accepting this long (answering with Connection: close) so queued connections are served. */
  SHUTDOWN_ACCEPT_GRACE_MS: z.coerce.number().int().min(0).max(30_000).default(1000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** How often the scheduler's lease holder sweeps expired waitlist offers and seats left by a crash. */
  SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(15_000),
  /** Scheduler: how late a missed occurrence may still fire (minutes), lease and safety-tick periods. */
  SCHEDULER_GRACE_MINUTES: z.coerce.number().min(0).default(30),
  SCHEDULER_LEASE_MS: z.coerce.number().int().min(1000).default(30_000),
  SCHEDULER_TICK_MS: z.coerce.number().int().min(0).default(30_000),
  /** Deliveries: attempts before `failed`, first retry delay (doubles each time), pause after 操作过于频繁. */
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  DELIVERY_RETRY_BASE_MS: z.coerce.number().int().min(0).default(30_000),
  DELIVERY_RATE_LIMIT_PAUSE_MS: z.coerce.number().int().min(0).default(600_000),
  /** Event reminders, hours before start. */
  REMINDER_HOURS: z
    .string()
    .default('24,2')
    .transform((s) =>
      s
        .split(',')
        .map(Number)
        .filter((n) => Number.isFinite(n) && n > 0),
    ),
  /** The bot's name in its help and welcome texts; the bot process reads the same variable. */
  BOT_NAME: z.string().trim().min(1).max(30).default(DEFAULT_BOT_NAME),
  /** WeChat contact ids allowed to manage every group's subscription from chat. */
  PLATFORM_ADMIN_CONTACTS: csvList,
  /** A bot that has not reported for this long is shown as not alive. */
  BOT_ALIVE_MS: z.coerce.number().int().min(1000).default(90_000),
});

export type Env = z.infer<typeof EnvSchema> & {
  /** Subscribe-message template mappings, one per kind (all of them when SUBSCRIBE_MESSAGES=1). */
  templates: ReturnType<typeof readTemplates>['templates'];
};

/** Parses an environment object; throws an Error listing every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  const lines = result.success ? [] : result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
  // Template mappings are checked here, at start, so a missing one is named now rather than at first send.
  const sending = result.success && result.data.SUBSCRIBE_MESSAGES;
  const { templates, problems } = readTemplates(source, sending);
  lines.push(...problems.map((p) => `  ${p.variable}: ${p.message}`));
  if (sending && (!result.data.WECHAT_APPID || !result.data.WECHAT_SECRET)) {
    lines.push('  WECHAT_APPID, WECHAT_SECRET: required when SUBSCRIBE_MESSAGES=1');
  }
  if (!result.success || lines.length > 0) throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  return { ...result.data, templates };
}

/** Login by openid without WeChat: only outside production, and only when switched on. */
export function devLoginAllowed(env: Env): boolean {
  return env.NODE_ENV !== 'production' && env.DEV_LOGIN;
}
