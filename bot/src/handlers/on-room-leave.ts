import type { ContactInterface, RoomInterface } from 'wechaty/impls';
import type { BotContext } from '../context.js';

/** Someone left a room. Only the bot's own removal matters: the api stops delivering there. */
export function onRoomLeave(ctx: BotContext) {
  return async (room: RoomInterface, leaverList: ContactInterface[]): Promise<void> => {
    if (!leaverList.some((c) => c.self())) return;
    ctx.log.warn({ roomId: room.id }, 'removed from a room');
    await ctx.api.roomRemoved({ account: ctx.account, roomId: room.id });
  };
}
