/**
 * The one place the bot's WeChat events meet their handlers. Each handler is wrapped so that a
 * failure (the api down past its retries, a puppet error) is logged and never crashes the bot.
 */
import type { BotContext } from './context.js';
import { onError } from './handlers/on-error.js';
import { onLogin } from './handlers/on-login.js';
import { onLogout } from './handlers/on-logout.js';
import { onMessage } from './handlers/on-message.js';
import { onRoomJoin } from './handlers/on-room-join.js';
import { onRoomLeave } from './handlers/on-room-leave.js';
import { onRoomTopic } from './handlers/on-room-topic.js';
import { onScan } from './handlers/on-scan.js';
import { errorText } from './sender/rateLimit.js';

export function wire(ctx: BotContext): void {
  const { bot } = ctx;
  const guard =
    <A extends unknown[]>(event: string, handler: (...args: A) => Promise<void>) =>
    (...args: A): void => {
      handler(...args).catch((err: unknown) => ctx.log.error({ event, err: errorText(err) }, 'handler failed'));
    };

  // Always listened to: an EventEmitter 'error' without a listener throws and ends the process.
  bot.on('error', onError(ctx));
  bot.on('scan', guard('scan', onScan(ctx)));
  bot.on('login', guard('login', onLogin(ctx)));
  bot.on('logout', guard('logout', onLogout(ctx)));
  bot.on('room-join', guard('room-join', onRoomJoin(ctx)));
  bot.on('room-topic', guard('room-topic', onRoomTopic(ctx)));
  bot.on('room-leave', guard('room-leave', onRoomLeave(ctx)));
  bot.on('message', guard('message', onMessage(ctx)));
}
