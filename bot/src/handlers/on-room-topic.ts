import type { RoomInterface } from 'wechaty/impls';
import type { BotContext } from '../context.js';

/** A room was renamed: the api keeps the topic as a label (rooms are always found by id). */
export function onRoomTopic(ctx: BotContext) {
  return async (room: RoomInterface, newTopic: string): Promise<void> => {
    const topic = newTopic.trim().slice(0, 200);
    if (!topic) return;
    await ctx.api.roomTopic({ account: ctx.account, roomId: room.id, topic });
  };
}
