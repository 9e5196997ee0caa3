import type { ContactInterface, RoomInterface } from 'wechaty/impls';
import type { BotContext } from '../context.js';

/**
 * Someone joined a room. Only the bot's own arrival matters: report the room, then post the help
 * text the api returns, once, right after the invitation.
 */
export function onRoomJoin(ctx: BotContext) {
  return async (room: RoomInterface, inviteeList: ContactInterface[], inviter: ContactInterface): Promise<void> => {
    if (!inviteeList.some((c) => c.self())) return;
    const topic = (await room.topic()).slice(0, 200) || '未命名群聊';
    ctx.log.info({ roomId: room.id, inviterId: inviter.id }, 'invited into a room');
    const { helpText } = await ctx.api.roomJoined({ account: ctx.account, roomId: room.id, topic });
    if (!helpText.trim()) return;
    const outcome = await ctx.sender.say(room.id, helpText, {
      interactive: true,
      deadline: Date.now() + ctx.replyMaxWaitMs,
    });
    if (outcome.kind !== 'sent') ctx.log.warn({ roomId: room.id, outcome }, 'help text not posted');
  };
}
