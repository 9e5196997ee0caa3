import type { ContactSelfInterface } from 'wechaty/impls';
import { ApiRequestError } from '../apiClient.js';
import type { BotContext } from '../context.js';
import { errorText } from '../sender/rateLimit.js';

/**
 * Login: remember when (older messages are history, not commands), tell the api, and report
 * every room the bot is in so the api knows them (idempotent). No help text here: a login is
 * not an invitation, and reposting help in every group at each restart would be spam.
 */
export function onLogin(ctx: BotContext) {
  return async (user: ContactSelfInterface): Promise<void> => {
    ctx.session.loginAt = new Date();
    ctx.log.info({ userId: user.id }, 'logged in');
    await syncAfterLogin(ctx, user.name());
  };
}

/** Reports the login and every room; leaves `syncPending` set when the api could not take it all. */
export async function syncAfterLogin(ctx: BotContext, userName: string): Promise<void> {
  const { api, account, bot, log } = ctx;
  let complete = true;
  const attempt = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      // A 4xx will fail the same way next time: log it, do not retry it on every heartbeat.
      if (!(err instanceof ApiRequestError)) complete = false;
      log.warn({ what, err: errorText(err) }, 'login sync step failed');
    }
  };
  await attempt('status', () => api.status({ account, state: 'login', userName: userName.slice(0, 100) }));
  // Some puppets list rooms the account has left (cached): reporting those would revive them.
  const listed = await bot.Room.findAll();
  const rooms = [];
  for (const room of listed) if (await room.has(bot.currentUser)) rooms.push(room);
  for (const room of rooms) {
    await attempt(`room ${room.id}`, async () =>
      api.roomJoined({ account, roomId: room.id, topic: (await room.topic()).slice(0, 200) || '未命名群聊' }),
    );
  }
  ctx.session.syncPending = !complete;
  log.info({ rooms: rooms.length, complete }, 'login sync done');
}
