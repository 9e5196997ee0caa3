import type { Context } from 'koa';

/**
 * Records an organizer/admin write (invariant 5). `data` names what changed (field names,
 * new status), never personal data.
 */
export async function audit(ctx: Context, action: string, targetType: string, targetId: string, data?: Record<string, unknown>) {
  const user = ctx.state.user;
  await ctx.deps.models.AuditLog.create({
    actor: user?.id,
    actorRoles: user?.roles ?? [],
    action,
    targetType,
    targetId,
    data,
    at: ctx.deps.now(),
  });
}
