import bcrypt from 'bcryptjs';
import { z } from 'zod';
import {
  AdminUser,
  IdParams,
  OrganizerList,
  PasswordChangeInput,
  SearchText,
  Session,
  UserAdminPatch,
  type Role,
} from '@techbridge/shared';
import { badRequest, notFound, unauthorized, validationFailed } from '../../errors.js';
import { audit } from '../../lib/audit.js';
import { escapeRegex } from '../../lib/query.js';
import { loginLock } from '../../auth/loginLock.js';
import type { UserDoc } from '../../models/index.js';
import { presentUser } from '../../presenters/user.js';
import { session } from '../../auth/session.js';
import { defineRoute, type AnyRoute } from '../define.js';

const presentAdminUser = (u: UserDoc) => ({ ...presentUser(u), username: u.username ?? null, disabled: u.disabled === true });

/**
 * Account changes that end sessions: a password change, a role taken away, a disable. Each moves
 * the user's token version in the same single-document update as the change itself, so no token
 * signed before it passes the per-request check (middlewares/auth.ts) once the cache (at most
 * SESSION_CHECK_SECONDS) has turned over; this instance forgets its cached entry at once.
 */
export function userRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/me/password',
      access: 'user',
      summary: 'Change the own password; every other session of the account ends',
      tags: ['auth'],
      body: PasswordChangeInput,
      response: Session,
      rateLimit: 'login',
      handler: async (ctx, { body }) => {
        const { User } = ctx.deps.models;
        const me = await User.findById(ctx.state.user!.id).select('+passwordHash').lean();
        if (!me) throw unauthorized('账号不存在');
        if (!me.passwordHash) throw badRequest('该账号使用微信登录，没有密码');
        loginLock.assertOpen(ctx.deps, me);
        if (!(await bcrypt.compare(body.currentPassword, me.passwordHash))) {
          await loginLock.failed(ctx.deps, me._id);
          throw validationFailed([{ field: 'currentPassword', message: '当前密码不正确' }]);
        }
        const passwordHash = await bcrypt.hash(body.newPassword, 10);
        // Conditional on the hash we checked: two changes at once cannot both win with the old password.
        const res = await User.updateOne(
          { _id: me._id, passwordHash: me.passwordHash },
          { $set: { passwordHash, failedLogins: 0 }, $inc: { tokenVersion: 1 } },
        );
        if (res.matchedCount === 0)
          throw validationFailed([{ field: 'currentPassword', message: '密码刚被修改过，请重新登录后再试' }]);
        ctx.deps.sessions.forget(String(me._id));
        await audit(ctx, 'user.password', 'user', String(me._id));
        return session(ctx, (await User.findById(me._id).lean())!);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/users/:id',
      access: 'admin',
      summary: "Change an account's roles or disable it; a removed role or a disable ends its sessions",
      tags: ['admin'],
      params: IdParams,
      body: UserAdminPatch,
      response: AdminUser,
      audit: 'user.update',
      handler: async (ctx, { params, body }) => {
        const { User } = ctx.deps.models;
        const current = await User.findById(params.id).lean();
        if (!current) throw notFound('用户');
        if (params.id === ctx.state.user!.id && (body.disabled || (body.roles && !body.roles.includes('admin')))) {
          throw badRequest('不能停用自己或移除自己的管理员权限');
        }
        const roles = body.roles ? [...new Set(body.roles)] : undefined;
        const had = (current.roles ?? []) as Role[];
        const removesRole = roles ? had.some((r) => !roles.includes(r)) : false;
        const disables = body.disabled === true && current.disabled !== true;
        const set = { ...(roles ? { roles } : {}), ...(body.disabled !== undefined ? { disabled: body.disabled } : {}) };
        await User.updateOne(
          { _id: current._id },
          { $set: set, ...(removesRole || disables ? { $inc: { tokenVersion: 1 } } : {}) },
        );
        ctx.deps.sessions.forget(params.id);
        await audit(ctx, 'user.update', 'user', params.id, { fields: Object.keys(set), sessionsEnded: removesRole || disables });
        return presentAdminUser((await User.findById(current._id).lean())!);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/organizers',
      access: 'organizer',
      summary: 'Organizer accounts to pick co-organizers from (names only)',
      tags: ['events'],
      query: z.object({ q: SearchText.optional() }).strict(),
      response: OrganizerList,
      handler: async (ctx, { query }) => {
        const text = query.q ? new RegExp(escapeRegex(query.q), 'i') : null;
        const docs = await ctx.deps.models.User.find({
          roles: { $in: ['organizer', 'admin'] },
          disabled: { $ne: true },
          ...(text ? { $or: [{ name: text }, { username: text }] } : {}),
        })
          .sort({ name: 1, _id: 1 })
          .limit(50)
          .lean();
        return { items: docs.map((u) => ({ id: String(u._id), name: u.name ?? null, username: u.username ?? null })) };
      },
    }),
  ];
}
