import { commandHelp } from '@techbridge/shared';
import type { CommandHandler } from './types.js';

/** 帮助: every command with an example, under the configured bot name. */
export const help: CommandHandler<'help'> = async ({ deps }) => commandHelp(deps.env.BOT_NAME);
