import type { Env } from './env.js';
import type { Logger } from './logger.js';
import type { Models } from './models/index.js';
import type { Principal } from './auth/principal.js';
import type { SessionStates } from './auth/sessionState.js';
import type { Scheduler } from './scheduler/scheduler.js';
import type { GroupDirectory } from './broadcasts/groupDirectory.js';
import type { Metrics } from './metrics.js';
import type { AccessToken } from './notify/accessToken.js';
import type { EventSnapshots } from './commands/eventSnapshots.js';

/** What every handler can reach, injected once per app instance (no module-level singletons). */
export interface Deps {
  env: Env;
  models: Models;
  logger: Logger;
  /** The clock; tests replace it to move time without sleeping. */
  now: () => Date;
  /** Active groups and their match index, cached per instance. */
  groups: GroupDirectory;
  /** This instance's Prometheus metrics (GET /metrics). */
  metrics: Metrics;
  /** WeChat access token for subscribe messages, cached per instance. */
  wechatToken: AccessToken;
  /** Token versions, roles and disabled flags, re-read at most every SESSION_CHECK_SECONDS. */
  sessions: SessionStates;
  /** Events as sign-ups read them, cached per instance while the events change token stands still. */
  eventSnapshots: EventSnapshots;
  /** This instance's scheduler (absent in tools that only read or write data). */
  scheduler?: Scheduler;
}

declare module 'koa' {
  interface DefaultContext {
    deps: Deps;
    log: Logger;
  }
  interface DefaultState {
    user?: Principal;
    bot?: boolean;
    requestId?: string;
    /** The matched route's resource (its first tag): names fields in validation errors (`name` → 姓名 for sign-ups). */
    resource?: string;
  }
}
