import { z } from 'zod';
import { PageQuery } from '@techbridge/shared';
import { defineRoute, type AnyRoute } from './define.js';

const AuditEntry = z.object({
  id: z.string(),
  actor: z.string().nullable(),
  actorRoles: z.array(z.string()),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string(),
  data: z.unknown().optional(),
  at: z.string(),
});

export function auditRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'get',
      path: '/audit',
      access: 'admin',
      summary: 'Audit log of organizer and admin writes, newest first',
      tags: ['admin'],
      query: PageQuery.extend({ targetId: z.string().max(100).optional(), action: z.string().max(60).optional() }).strict(),
      response: z.object({ items: z.array(AuditEntry), total: z.number(), page: z.number(), pageSize: z.number() }),
      handler: async (ctx, { query }) => {
        const filter = {
          ...(query.targetId ? { targetId: query.targetId } : {}),
          ...(query.action ? { action: query.action } : {}),
        };
        const [docs, total] = await Promise.all([
          ctx.deps.models.AuditLog.find(filter)
            .sort({ at: -1, _id: -1 })
            .skip((query.page - 1) * query.pageSize)
            .limit(query.pageSize)
            .lean(),
          ctx.deps.models.AuditLog.countDocuments(filter),
        ]);
        const items = docs.map((d) => ({
          id: String(d._id),
          actor: d.actor ? String(d.actor) : null,
          actorRoles: d.actorRoles ?? [],
          action: d.action,
          targetType: d.targetType,
          targetId: d.targetId,
          data: d.data,
          at: new Date(d.at).toISOString(),
        }));
        return { items, total, page: query.page, pageSize: query.pageSize };
      },
    }),
  ];
}
