/**
 * Every setting the bot reads, validated once at start. A bad or missing value stops the process
 * with a message naming the variable instead of failing later at first use. Documented for
 * operators in bot/.env.example.
 */
import { z } from 'zod';
import { DEFAULT_BOT_NAME } from '@techbridge/shared';

/** The puppets installed with wechaty here (puppet-xp and puppet-wechat do not install). */
export const PUPPETS = ['wechaty-puppet-mock', 'wechaty-puppet-service', 'wechaty-puppet-wechat4u'] as const;

const ms = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** Where the api listens; the bot reaches it only through /api/v1/bot/*. */
    API_BASE_URL: z.url().default('http://127.0.0.1:3000'),
    /** Service token the api expects as `Authorization: Bearer …` (its own BOT_TOKEN). */
    BOT_TOKEN: z.string().min(24, 'must be at least 24 characters (the same value as the api BOT_TOKEN)'),
    /** wechaty-puppet-mock runs the simulated demo world; wechaty-puppet-service / -wechat4u talk to WeChat. */
    WECHATY_PUPPET: z.enum(PUPPETS).default('wechaty-puppet-mock'),
    WECHATY_PUPPET_SERVICE_TOKEN: z.string().trim().min(1).optional(),
    /** Label of the WeChat account this process drives; deliveries are leased per account. */
    BOT_ACCOUNT: z.string().trim().min(1).max(100).default('main'),
    /** Same room at most once per this many ms. */
    SEND_MIN_ROOM_GAP_MS: ms(60_000),
    /** Random pause between two consecutive sends, drawn between these bounds. */
    SEND_PAUSE_MIN_MS: ms(3_000),
    SEND_PAUSE_MAX_MS: ms(5_000),
    /** Sends in any rolling minute. */
    SEND_PER_MINUTE_CAP: z.coerce.number().int().min(1).default(12),
    /** Of those, slots broadcasts leave free for command replies and help texts. */
    SEND_REPLY_RESERVE_PER_MINUTE: z.coerce.number().int().min(0).default(2),
    /** Sends per Shanghai calendar day. */
    SEND_DAILY_BUDGET: z.coerce.number().int().min(1).default(500),
    /** How long the whole queue waits after WeChat answered 操作过于频繁. */
    RATE_LIMIT_PAUSE_MS: ms(600_000),
    /** How often the queue asks the api for due deliveries when it has none. */
    CLAIM_INTERVAL_MS: z.coerce.number().int().min(10).default(5_000),
    /** Units per claim and how long the api leases them to this bot. */
    CLAIM_BATCH: z.coerce.number().int().min(1).max(50).default(5),
    CLAIM_LEASE_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
    HEARTBEAT_MS: z.coerce.number().int().min(10).default(30_000),
    /**
     * Pushes as link cards: `auto` (cards on wechaty-puppet-service, whose pad/WeCom protocols send them;
     * text on the mock and web protocols, which cannot), `1` or `0`. The text is always the fallback.
     */
    SEND_CARDS: z.enum(['auto', '0', '1']).default('auto'),
    /** Demo world only: a simulated member speaks every this many ms (0 = silent world). */
    DEMO_CHATTER_MS: ms(20_000),
    /** The bot's name in the demo world (a real account's name is its WeChat nickname); the api reads the same variable. */
    BOT_NAME: z.string().trim().min(1).max(30).default(DEFAULT_BOT_NAME),
    /** Demo world only: port of the simulated WeChat console on 127.0.0.1 (0 = no console). Never in production. */
    CONSOLE_PORT: z.coerce.number().int().min(0).max(65535).default(3100),
  })
  .refine((e) => e.SEND_PAUSE_MAX_MS >= e.SEND_PAUSE_MIN_MS, {
    path: ['SEND_PAUSE_MAX_MS'],
    message: 'must be at least SEND_PAUSE_MIN_MS',
  })
  .refine((e) => e.SEND_REPLY_RESERVE_PER_MINUTE < e.SEND_PER_MINUTE_CAP, {
    path: ['SEND_REPLY_RESERVE_PER_MINUTE'],
    message: 'must be below SEND_PER_MINUTE_CAP (broadcasts need at least one slot)',
  })
  // A unit is not started in the last 15 s of its lease; the room gap must fit in what is left.
  .refine((e) => e.CLAIM_LEASE_SECONDS * 1000 - 15_000 > e.SEND_MIN_ROOM_GAP_MS + e.SEND_PAUSE_MAX_MS, {
    path: ['CLAIM_LEASE_SECONDS'],
    message: 'must leave room for SEND_MIN_ROOM_GAP_MS + SEND_PAUSE_MAX_MS plus 15 s',
  })
  .refine((e) => e.WECHATY_PUPPET !== 'wechaty-puppet-service' || e.WECHATY_PUPPET_SERVICE_TOKEN, {
    path: ['WECHATY_PUPPET_SERVICE_TOKEN'],
    message: 'is required when WECHATY_PUPPET is wechaty-puppet-service',
  });

export type Env = z.infer<typeof EnvSchema>;

/** Parses an environment object; throws an Error listing every bad variable by name. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  return result.data;
}
