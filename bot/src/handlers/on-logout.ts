import type { ContactSelfInterface } from 'wechaty/impls';
import type { BotContext } from '../context.js';

/** Logout (or forced logout by WeChat): the queue stops claiming by itself; the api is told. */
export function onLogout(ctx: BotContext) {
  return async (user: ContactSelfInterface, reason?: string): Promise<void> => {
    ctx.session.loginAt = null;
    ctx.session.syncPending = false;
    ctx.log.warn({ userId: user.id, reason }, 'logged out');
    await ctx.api.status({ account: ctx.account, state: 'logout' });
  };
}
