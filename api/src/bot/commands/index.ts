import { help } from './help.js';
import { latestPolicies } from './latestPolicies.js';
import { mode, quiet } from './delivery.js';
import { settings, subscribe, unsubscribe } from './profile.js';
import { signup } from './signup.js';
import type { CommandHandlers } from './types.js';
import { upcomingEvents } from './upcomingEvents.js';

/** The handler for each command of the shared grammar. */
export const commandHandlers: CommandHandlers = {
  help,
  subscribe,
  unsubscribe,
  settings,
  mode,
  quiet,
  latestPolicies,
  upcomingEvents,
  signup,
};
