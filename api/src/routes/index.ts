import type { AnyRoute } from './define.js';
import { authRoutes } from './auth/auth.js';
import { policyRoutes } from './content/policies.js';
import { programRoutes } from './content/programs.js';
import { eventRoutes } from './content/events.js';
import { registrationRoutes } from './registrations/registrations.js';
import { groupRoutes } from './groups/groups.js';
import { wecomGroupRoutes } from './groups/wecom.js';
import { auditRoutes } from './audit.js';
import { botRoutes } from './bot/bot.js';
import { broadcastRoutes } from './broadcasts/broadcasts.js';
import { notifyRoutes } from './notify/notify.js';
import { eventCancelRoutes } from './content/eventCancel.js';
import { userRoutes } from './users/users.js';
import { insightRoutes } from './insights/insights.js';

/**
 * Every route of /api/v1. Order matters where paths overlap: fixed segments
 * (`/policies/tag`, `/events/:id/registrations/export.csv`) come before parameters.
 */
export function allRoutes(): AnyRoute[] {
  return [
    ...authRoutes(),
    ...userRoutes(),
    ...policyRoutes(),
    ...programRoutes(),
    ...registrationRoutes(),
    ...insightRoutes(),
    ...notifyRoutes(),
    ...eventCancelRoutes(),
    ...eventRoutes(),
    ...wecomGroupRoutes(),
    ...groupRoutes(),
    ...auditRoutes(),
    ...broadcastRoutes(),
    ...botRoutes(),
  ];
}
