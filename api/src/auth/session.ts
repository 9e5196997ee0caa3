import type { Context } from 'koa';
import { forbidden } from '../errors.js';
import type { UserDoc } from '../models/index.js';
import { presentUser } from '../presenters/user.js';
import { signToken } from './tokens.js';

/** A new session for a user: the token signed at their current token version, and their profile. */
export function session(ctx: Context, user: UserDoc) {
  if (user.disabled) throw forbidden('您的账号已被停用，请联系平台管理员');
  const { token, expiresAt } = signToken(ctx.deps.env, String(user._id), user.roles ?? [], user.tokenVersion ?? 0);
  return { token, expiresAt: expiresAt.toISOString(), user: presentUser(user) };
}
