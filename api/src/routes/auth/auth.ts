import bcrypt from 'bcryptjs';
import type { Context } from 'koa';
import {
  DevLoginInput,
  PasswordLoginInput,
  ProfileInput,
  Session,
  TOPICS,
  User,
  WechatLoginInput,
  findRegion,
} from '@techbridge/shared';
import { devLoginAllowed } from '../../env.js';
import { isDuplicateKey } from '../../db/duplicateKey.js';
import { notFound, unauthorized, validationFailed } from '../../errors.js';
import { sessionRevoked } from '../../middlewares/auth.js';
import { loginLock } from '../../auth/loginLock.js';
import { jscode2session } from '../../auth/wechat.js';
import type { UserDoc } from '../../models/index.js';
import { defineRoute, type AnyRoute } from '../define.js';
import { presentUser } from '../../presenters/user.js';
import { session } from '../../auth/session.js';

/** `$set` for a profile patch: subscription fields one by one, so a partial update keeps the others. */
function profileUpdate(body: ProfileInput): Record<string, unknown> {
  const { subscription, ...rest } = body;
  const issues = [
    ...(subscription?.regions ?? [])
      .filter((r) => !findRegion(r))
      .map((r) => ({ field: 'subscription.regions', message: `未知地区 ${r}` })),
    ...(subscription?.topics ?? [])
      .filter((t) => !TOPICS.some((topic) => topic.id === t))
      .map((t) => ({ field: 'subscription.topics', message: `未知主题 ${t}` })),
  ];
  if (issues.length > 0) throw validationFailed(issues);
  const set: Record<string, unknown> = { ...rest };
  for (const [key, value] of Object.entries(subscription ?? {})) {
    set[`subscription.${key}`] = Array.isArray(value) ? [...new Set(value)] : value;
  }
  return set;
}

async function upsertByOpenid(ctx: Context, openid: string, set: Record<string, unknown>): Promise<UserDoc> {
  const upsert = () => ctx.deps.models.User.updateOne({ openid }, { $set: set, $setOnInsert: { openid } }, { upsert: true });
  try {
    await upsert();
  } catch (e) {
    // Two first logins at once: the unique openid index lets one insert win; the other updates.
    if (!isDuplicateKey(e)) throw e;
    await upsert();
  }
  // Users are never deleted, so the row the upsert wrote (or found) is there.
  return (await ctx.deps.models.User.findOne({ openid }).lean())!;
}

// A real hash to compare against when the username is unknown, so timing does not reveal which usernames exist.
const DUMMY_HASH = bcrypt.hashSync('techbridge-dummy-password', 10);

export function authRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/auth/wechat',
      access: 'public',
      summary: 'Mini-program login: exchange a wx.login code for a session token',
      tags: ['auth'],
      body: WechatLoginInput,
      response: Session,
      rateLimit: 'login',
      handler: async (ctx, { body }) => {
        const wx = await jscode2session(ctx.deps.env, body.code);
        // session_key stays in the database (select: false) and never leaves the server.
        const user = await upsertByOpenid(ctx, wx.openid, { sessionKey: wx.sessionKey });
        return session(ctx, user);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/dev',
      access: 'public',
      summary: 'Development login by openid (disabled in production and unless DEV_LOGIN=1)',
      tags: ['auth'],
      body: DevLoginInput,
      response: Session,
      rateLimit: 'login',
      handler: async (ctx, { body }) => {
        if (!devLoginAllowed(ctx.deps.env)) throw notFound('接口');
        const user = await upsertByOpenid(ctx, `dev:${body.openid}`, body.name ? { name: body.name } : {});
        return session(ctx, user);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/login',
      access: 'public',
      summary: 'Organizer/admin login with username and password',
      tags: ['auth'],
      body: PasswordLoginInput,
      response: Session,
      rateLimit: 'login',
      handler: async (ctx, { body }) => {
        const user = await ctx.deps.models.User.findOne({ username: body.username }).select('+passwordHash').lean();
        if (user) loginLock.assertOpen(ctx.deps, user);
        const ok = await bcrypt.compare(body.password, user?.passwordHash ?? DUMMY_HASH);
        if (user && !ok) await loginLock.failed(ctx.deps, user._id);
        if (!user || !ok) throw unauthorized('用户名或密码错误');
        await loginLock.succeeded(ctx.deps, user);
        return session(ctx, user);
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/refresh',
      access: 'user',
      summary: 'Exchange a valid token for a fresh one (roles re-read from the database)',
      tags: ['auth'],
      response: Session,
      handler: async (ctx) => {
        const user = await ctx.deps.models.User.findById(ctx.state.user!.id).lean();
        if (!user) throw sessionRevoked('账号不存在，请重新登录');
        return session(ctx, user);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/me',
      access: 'user',
      summary: 'The current user',
      tags: ['auth'],
      response: User,
      handler: async (ctx) => {
        const user = await ctx.deps.models.User.findById(ctx.state.user!.id).lean();
        if (!user) throw unauthorized('账号不存在');
        return presentUser(user);
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/me',
      access: 'user',
      summary: "Update the current user's profile",
      tags: ['auth'],
      body: ProfileInput,
      response: User,
      handler: async (ctx, { body }) => {
        await ctx.deps.models.User.updateOne({ _id: ctx.state.user!.id }, { $set: profileUpdate(body) });
        const user = await ctx.deps.models.User.findById(ctx.state.user!.id).lean();
        if (!user) throw unauthorized('账号不存在');
        return presentUser(user);
      },
    }),
  ];
}
