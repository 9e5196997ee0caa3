import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Role } from '@techbridge/shared';
import type { Env } from '../env.js';
import { unauthorized } from '../errors.js';
import type { Principal } from '../middlewares/auth.js';

const ISSUER = 'techbridge-api';

/**
 * The HMAC key as a KeyObject, made once per secret. Given a string, jsonwebtoken first tries to
 * parse it as a PEM public key (and throws, and builds a stack trace) on every verify: about a
 * millisecond of CPU per request, the largest single cost of a sign-up.
 */
const keys = new Map<string, KeyObject>();
function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

/** Signs a session token; roles travel in it so every request can be authorized without a lookup. */
export function signToken(env: Env, userId: string, roles: Role[]): { token: string; expiresAt: Date } {
  const expiresAt = new Date(Date.now() + env.JWT_TTL_HOURS * 3600_000);
  const token = jwt.sign({ roles }, keyOf(env.JWT_SECRET), {
    algorithm: 'HS256',
    subject: userId,
    issuer: ISSUER,
    expiresIn: Math.floor(env.JWT_TTL_HOURS * 3600),
  });
  return { token, expiresAt };
}

/** Verifies signature, algorithm, issuer and expiry; any failure is a 401. */
export function verifyToken(env: Env, token: string): Principal {
  try {
    const payload = jwt.verify(token, keyOf(env.JWT_SECRET), { algorithms: ['HS256'], issuer: ISSUER }) as jwt.JwtPayload;
    if (typeof payload.sub !== 'string' || !Array.isArray(payload.roles)) throw new Error('malformed');
    return { id: payload.sub, roles: payload.roles as Role[] };
  } catch (e) {
    if (e instanceof jwt.TokenExpiredError) throw unauthorized('登录已过期，请重新登录');
    throw unauthorized('登录凭证无效，请重新登录');
  }
}
