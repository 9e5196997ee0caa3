import { commandText, parseCommand } from '@techbridge/shared';
import { types } from 'wechaty';
import type { MessageInterface } from 'wechaty/impls';
import type { BotContext } from '../context.js';

/** CommandInput.text is at most this long; longer lines are chatter, not commands. */
const MAX_COMMAND_LENGTH = 2000;

/**
 * A chat line. Forwarded to the api only when it is new, typed in a room after this login by
 * someone other than the bot, and either parses as a command (shared grammar) or @mentions the bot; the
 * api's answer (if any) is posted back into the same room.
 */
export function onMessage(ctx: BotContext) {
  return async (message: MessageInterface): Promise<void> => {
    // The bot's own sends come back as messages: never answer ourselves.
    if (message.self()) return;
    if (!ctx.session.seen.add(message.id)) return;
    const room = message.room();
    if (!room) return;
    if (!isAfterLogin(message.date(), ctx.session.loginAt)) return;
    if (message.type() !== types.Message.Text) return;

    const text = message.text();
    if (text.length > MAX_COMMAND_LENGTH) return;
    // The shared grammar decides what is a command; "@科转通小助手 帮助" reaches the api as "帮助".
    const line = commandText(text, { botName: ctx.bot.isLoggedIn ? ctx.bot.currentUser.name() : undefined });
    if (line === null) return; // addressed to someone else
    const mentioned = await message.mentionSelf();
    if (!mentioned && parseCommand(line) === null) return;

    const talker = message.talker();
    const owner = await room.owner();
    const { reply } = await ctx.api.command({
      account: ctx.account,
      roomId: room.id,
      roomTopic: (await room.topic()).slice(0, 200),
      senderId: talker.id,
      senderName: talker.name().slice(0, 100),
      senderIsOwner: owner?.id === talker.id,
      ...(mentioned ? { mentioned: true } : {}),
      text: line,
    });
    ctx.log.info({ roomId: room.id, messageId: message.id, replied: reply !== null }, 'command handled');
    if (reply === null || !reply.trim()) return;
    const outcome = await ctx.sender.say(room.id, reply, { interactive: true, deadline: Date.now() + ctx.replyMaxWaitMs });
    if (outcome.kind !== 'sent') ctx.log.warn({ roomId: room.id, outcome }, 'command reply not posted');
  };
}

/**
 * Puppets replay recent history after a login; those lines were not addressed to this session.
 * Timestamps may come in whole seconds, so the login time is compared at second precision.
 */
function isAfterLogin(sentAt: Date, loginAt: Date | null): boolean {
  if (!loginAt) return false;
  return sentAt.getTime() >= Math.floor(loginAt.getTime() / 1000) * 1000;
}
