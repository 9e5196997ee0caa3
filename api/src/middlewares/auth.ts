import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import { AppError, forbidden, unauthorized } from '../errors.js';
import { verifyToken, type TokenClaims } from '../auth/tokens.js';
import { isStaff as principalIsStaff, type Principal } from '../auth/principal.js';

export type { Principal } from '../auth/principal.js';

/** Who may call a route. `organizer` routes also admit admins. */
export type Access = 'public' | 'user' | 'organizer' | 'admin' | 'bot';

/**
 * 401 with its own code, so the mini-program tells "signed out because something changed" from
 * "not signed in" and shows why before returning to the login page.
 */
export const sessionRevoked = (message: string) => new AppError(401, 'session_revoked', message);

/** Reads the bearer token (if any) into ctx.state.user; never throws for a missing token. */
export async function readPrincipal(ctx: Context): Promise<void> {
  const header = ctx.get('authorization');
  if (!header) return;
  const match = /^Bearer (.+)$/.exec(header);
  if (!match) throw unauthorized('认证信息格式不正确');
  const token = match[1]!;
  const botToken = ctx.deps.env.BOT_TOKEN;
  if (botToken && safeEqual(token, botToken)) {
    ctx.state.bot = true;
    return;
  }
  ctx.state.user = await currentPrincipal(ctx, verifyToken(ctx.deps.env, token));
}

/**
 * Checks a valid token against what the user is now: disabled, password changed (token version
 * moved) or a role the token carries taken away all end the session. A role added since keeps the
 * token working without it until the next refresh or login.
 */
async function currentPrincipal(ctx: Context, claims: TokenClaims): Promise<Principal> {
  const state = await ctx.deps.sessions.get(ctx.deps.models, claims.id, ctx.deps.now().getTime());
  if (!state) throw sessionRevoked('账号不存在，请重新登录');
  if (state.disabled) throw sessionRevoked('您的账号已被停用，请联系平台管理员');
  // A role removal also moves the version: name the more specific reason first.
  if (claims.roles.some((r) => !state.roles.includes(r))) throw sessionRevoked('您的账号权限已变更，请重新登录');
  if (state.tokenVersion !== claims.tokenVersion) throw sessionRevoked('密码已修改或登录已被撤销，请重新登录');
  return { id: claims.id, roles: claims.roles };
}

/** Enforces a route's access level: 401 when not logged in, 403 when logged in without the role. */
export function enforceAccess(ctx: Context, access: Access): void {
  if (access === 'public') return;
  if (access === 'bot') {
    if (!ctx.state.bot) throw ctx.state.user ? forbidden('仅限机器人服务调用') : unauthorized('缺少机器人服务令牌');
    return;
  }
  const user: Principal | undefined = ctx.state.user;
  if (!user) throw unauthorized();
  if (access === 'user') return;
  if (access === 'admin' && !user.roles.includes('admin')) throw forbidden('仅限平台管理员');
  if (access === 'organizer' && !user.roles.includes('organizer') && !user.roles.includes('admin')) {
    throw forbidden('仅限主办方或管理员');
  }
}

export function isStaff(ctx: Context): boolean {
  return principalIsStaff(ctx.state.user);
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
