import type { Context, Next } from 'koa';
import mongoose from 'mongoose';
import { ZodError } from 'zod';
import { AppError, badRequest, conflict, serviceUnavailable, tooLarge, validationFailed } from '../errors.js';
import { isDuplicateKey } from '../db/duplicateKey.js';
import { zodIssues } from './validate.js';

/**
 * Maps every thrown error onto `{ error: { code, message, details } }`. Library errors caused
 * by bad input become 4xx; anything unknown is a 500 whose message hides internals.
 */
export async function errorHandler(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) {
      throw new AppError(404, 'not_found', `接口不存在：${ctx.method} ${ctx.path}`);
    }
  } catch (raw) {
    const err = toAppError(raw, ctx);
    if (err.status >= 500) ctx.log.error({ err: raw }, 'request failed');
    ctx.status = err.status;
    ctx.body = { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
    if (err.status === 503) ctx.set('Retry-After', '5');
  }
}

function toAppError(raw: unknown, ctx: Context): AppError {
  if (raw instanceof AppError) return raw;
  if (raw instanceof ZodError) return validationFailed(zodIssues(raw, ctx.state.resource));
  if (raw instanceof mongoose.Error.CastError) return badRequest(`字段 ${raw.path} 的值无效`, { field: raw.path });
  if (raw instanceof mongoose.Error.ValidationError) {
    return validationFailed(Object.values(raw.errors).map((e) => ({ field: e.path, message: e.message })));
  }
  const e = raw as { status?: number; statusCode?: number; type?: string; code?: number; name?: string; message?: string };
  if (isDuplicateKey(e)) return conflict('记录已存在');
  if (e.type === 'entity.too.large' || e.status === 413) return tooLarge();
  // Secure JSON parsing (bourne, inside co-body) refuses a `__proto__` key: valid JSON, refused as such.
  if (e.status === 400 && /forbidden prototype property/.test(e.message ?? '')) {
    return badRequest('请求体包含不允许的字段名 __proto__（原型属性名不能作为字段名）', { field: '__proto__' });
  }
  // co-body throws a plain SyntaxError with status 400 (no `type`) for malformed or non-object JSON.
  if (e.type === 'entity.parse.failed' || (e.status === 400 && (e.type || e.name === 'SyntaxError'))) {
    return badRequest('请求体不是有效的 JSON');
  }
  if (e.type === 'encoding.unsupported' || e.status === 415)
    return new AppError(415, 'unsupported_media_type', '不支持的请求格式');
  if (isDatabaseDown(e)) return serviceUnavailable('数据库暂时不可用，请稍后再试');
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) {
    return new AppError(e.status, 'bad_request', '请求无效');
  }
  return new AppError(500, 'internal', '服务器内部错误');
}

function isDatabaseDown(e: { name?: string; code?: unknown; message?: string }): boolean {
  return (
    e.name === 'MongoServerSelectionError' ||
    e.name === 'MongoNetworkError' ||
    e.name === 'MongoNotConnectedError' ||
    e.name === 'MongoPoolClearedError' ||
    e.name === 'MongoNetworkTimeoutError' ||
    // The driver writing to a socket the database just closed surfaces as a bare Node socket error
    // (the outage drill saw it as a 500).
    e.code === 'EPIPE' ||
    e.code === 'ECONNRESET' ||
    /socket has been ended by the other party/.test(e.message ?? '')
  );
}
