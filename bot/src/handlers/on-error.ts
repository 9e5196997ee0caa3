import type { BotContext } from '../context.js';

// wechaty 1.20 treats a room-member "dirty" notice as a contact id and then fails to load a
// "contact" named after the room. It is noise: nothing the bot relies on is affected.
const ROOM_MEMBER_DIRTY_NOISE = /^no payload found for id \S+@chatroom$/;

/** Wechaty reports puppet and payload failures here; without a listener they would crash the process. */
export function onError(ctx: BotContext) {
  return (error: Error): void => {
    const message = error?.message ?? String(error);
    if (ROOM_MEMBER_DIRTY_NOISE.test(message)) ctx.log.debug({ err: message }, 'wechaty payload noise');
    else ctx.log.warn({ err: message }, 'wechaty error');
  };
}
