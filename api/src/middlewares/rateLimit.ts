import type { Context, Middleware } from 'koa';
import ratelimit from 'koa-ratelimit';
import type { Env } from '../env.js';
import { AppError, tooManyRequests } from '../errors.js';

export type RateLimiters = Record<'login' | 'register' | 'open', Middleware>;

/**
 * Per-instance, in-memory limits (koa-ratelimit's memory driver). Login is keyed by login route and
 * client address (wrong passwords also lock the account itself: auth/loginLock.ts), registration by user so a busy office behind one NAT can still sign up.
 */
export function createRateLimiters(env: Env): RateLimiters {
  const make = (max: number, id: (ctx: Context) => string): Middleware => {
    const limiter = ratelimit({
      driver: 'memory',
      db: new Map(),
      duration: 60_000,
      max,
      id,
      throw: true,
      errorMessage: '操作过于频繁，请稍后再试',
      headers: { remaining: 'RateLimit-Remaining', reset: 'RateLimit-Reset', total: 'RateLimit-Limit' },
    }) as unknown as Middleware;
    return async (ctx, next) => {
      try {
        await limiter(ctx, next);
      } catch (e) {
        // Only the limiter's own error: a handler's 429 (a locked account) keeps its code and message.
        if ((e as { status?: number }).status === 429 && !(e instanceof AppError)) throw tooManyRequests();
        throw e;
      }
    };
  };
  return {
    // One bucket per login kind (dev, WeChat, password): a burst of mini-program logins from one
    // office NAT does not use up the organizers' password attempts, nor the other way round.
    login: make(env.RATE_LIMIT_LOGIN_PER_MIN, (ctx) => `login:${ctx.path}:${ctx.ip}`),
    register: make(env.RATE_LIMIT_REGISTER_PER_MIN, (ctx) => `register:${ctx.state.user?.id ?? ctx.ip}`),
    // Link opens are anonymous as often as not: an address behind a busy NAT still gets a minute's worth of page views.
    open: make(env.RATE_LIMIT_OPEN_PER_MIN, (ctx) => `open:${ctx.state.user?.id ?? ctx.ip}`),
  };
}
