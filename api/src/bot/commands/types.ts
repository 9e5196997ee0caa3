import type { BotCommand, CommandInput, CommandName } from '@techbridge/shared';
import type { Deps } from '../../deps.js';
import type { GroupDoc } from '../../models/index.js';

/** What a command handler gets: the api's deps, the asking group (registered on the fly) and the message. */
export interface CommandContext {
  deps: Deps;
  group: GroupDoc;
  input: CommandInput;
}

/** Answers one parsed command of kind K with the reply text (from the shared `replies`). */
export type CommandHandler<K extends CommandName> = (
  ctx: CommandContext,
  command: Extract<BotCommand, { kind: K }>,
) => Promise<string>;

/** One handler per command in the grammar: a new grammar entry does not compile until it has one. */
export type CommandHandlers = { [K in CommandName]: CommandHandler<K> };

/** A group's facets as stored (every writer stores a profile; the schema just leaves it optional). */
export type Profile = { regions: string[]; topics: string[]; audiences: string[]; keywords: string[] };
export const storedProfile = (g: GroupDoc): Profile => ({
  regions: g.profile?.regions ?? [],
  topics: g.profile?.topics ?? [],
  audiences: g.profile?.audiences ?? [],
  keywords: g.profile?.keywords ?? [],
});
