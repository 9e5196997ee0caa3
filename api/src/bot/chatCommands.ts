import { COMMANDS, commandWord, parseCommand, type BotCommand, type CommandInput } from '@techbridge/shared';
import { replies } from '@techbridge/shared';
import type { Deps } from '../deps.js';
import type { GroupDoc } from '../models/index.js';
import { commandHandlers } from './commands/index.js';
import type { CommandContext, CommandHandler } from './commands/types.js';
import { registerRoom } from './rooms.js';

/**
 * Answers one chat message forwarded by the bot. Returns null for ordinary chat. The shared grammar
 * parses it (a malformed command is answered with its own error); commands that change the group's
 * settings need the owner, a manager named in the api, or a platform admin; then the command's one
 * handler decides and answers.
 */
export async function answerCommand(deps: Deps, input: CommandInput): Promise<string | null> {
  const command = parseCommand(input.text);
  if (!command) return input.mentioned ? replies.notUnderstood(input.text.trim()) : null;
  let group: GroupDoc | null = await deps.models.Group.findOne({ roomId: input.roomId }).lean();
  if (!group) group = (await registerRoom(deps, input.account, input.roomId, input.roomTopic || input.roomId)).group;
  // The bot was removed from this room: whatever it still hears there is not for it to answer.
  if (group.status === 'removed') return null;
  const name = command.kind === 'invalid' ? command.command : command.kind;
  // Refuse before explaining a typo: a member learns first that the command is not theirs.
  if (COMMANDS[name].manages && !mayManage(deps, group, input)) return replies.refused(commandWord(name));
  if (command.kind === 'invalid') return command.reply;
  return dispatch({ deps, group, input }, command);
}

function dispatch(ctx: CommandContext, command: Exclude<BotCommand, { kind: 'invalid' }>): Promise<string> {
  // The handler table is keyed by kind, so this lookup always pairs a command with its own handler.
  const handler = commandHandlers[command.kind] as CommandHandler<typeof command.kind>;
  return handler(ctx, command as never);
}

function mayManage(deps: Deps, group: GroupDoc, input: CommandInput): boolean {
  return (
    input.senderIsOwner ||
    (group.managers ?? []).some((m) => m.contactId === input.senderId) ||
    deps.env.PLATFORM_ADMIN_CONTACTS.includes(input.senderId)
  );
}
