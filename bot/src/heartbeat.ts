import type { BotContext } from './context.js';
import { syncAfterLogin } from './handlers/on-login.js';
import { errorText } from './sender/rateLimit.js';

/**
 * Tells the api every `intervalMs` that this process is alive (the api keeps the login state from
 * login/logout/scan reports); when the last login sync did not reach the api (it was down),
 * redoes the sync instead, since until then the api hands this account nothing. Returns a stop
 * function.
 */
export function startHeartbeat(ctx: BotContext, intervalMs: number): () => void {
  let inFlight = false;
  const beat = async () => {
    if (inFlight) return;
    inFlight = true;
    try {
      if (ctx.session.syncPending && ctx.bot.isLoggedIn) await syncAfterLogin(ctx, ctx.bot.currentUser.name());
      else await ctx.api.status({ account: ctx.account, state: 'heartbeat' }, { attempts: 1 });
    } catch (err) {
      ctx.log.warn({ err: errorText(err) }, 'heartbeat failed');
    } finally {
      inFlight = false;
    }
  };
  const timer = setInterval(() => void beat(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
