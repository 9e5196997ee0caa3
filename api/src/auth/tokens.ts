import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import type { Role } from '@techbridge/shared';
import type { Env } from '../env.js';
import { unauthorized } from '../errors.js';
import type { Principal } from './principal.js';

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

/** A verified token: who, with which roles, signed at which token version of the user. */
export interface TokenClaims extends Principal {
  tokenVersion: number;
}

/**
 * Signs a session token. Roles and the user's token version travel in it; each request still
 * checks them against the user (through a short cache, auth/sessionState.ts), so a removed role or
 * a changed password stops the token within SESSION_CHECK_SECONDS.
 */
export function signToken(env: Env, userId: string, roles: Role[], tokenVersion = 0): { token: string; expiresAt: Date } {
  const expiresAt = new Date(Date.now() + env.JWT_TTL_HOURS * 3600_000);
  const token = jwt.sign({ roles, tv: tokenVersion }, keyOf(env.JWT_SECRET), {
    algorithm: 'HS256',
    subject: userId,
    issuer: ISSUER,
    expiresIn: Math.floor(env.JWT_TTL_HOURS * 3600),
  });
  return { token, expiresAt };
}

/** Verifies signature, algorithm, issuer and expiry; any failure is a 401. */
export function verifyToken(env: Env, token: string): TokenClaims {
  try {
    const payload = jwt.verify(token, keyOf(env.JWT_SECRET), { algorithms: ['HS256'], issuer: ISSUER }) as jwt.JwtPayload;
    if (typeof payload.sub !== 'string' || !Array.isArray(payload.roles)) throw new Error('malformed');
    // Tokens signed before versions existed carry none: version 0, the default of every user.
    const tokenVersion = typeof payload.tv === 'number' ? payload.tv : 0;
    return { id: payload.sub, roles: payload.roles as Role[], tokenVersion };
  } catch (e) {
    if (e instanceof jwt.TokenExpiredError) throw unauthorized('登录已过期，请重新登录');
    throw unauthorized('登录凭证无效，请重新登录');
  }
}
