import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import type { Role } from '@techbridge/shared';
import { forbidden, unauthorized } from '../errors.js';
import { verifyToken } from '../auth/tokens.js';

/** Who may call a route. `organizer` routes also admit admins. */
export type Access = 'public' | 'user' | 'organizer' | 'admin' | 'bot';

export interface Principal {
  id: string;
  roles: Role[];
}

/** Reads the bearer token (if any) into ctx.state.user; never throws for a missing token. */
export function readPrincipal(ctx: Context): void {
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
  ctx.state.user = verifyToken(ctx.deps.env, token);
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
  const roles: Role[] = ctx.state.user?.roles ?? [];
  return roles.includes('organizer') || roles.includes('admin');
}

function safeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}
