/**
 * One error family for the whole api. Every error the client sees is an AppError with a fixed
 * `code`, an HTTP status and a Chinese message; the errors middleware maps library errors
 * (zod, mongoose cast, duplicate key, body parser) onto these.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface FieldIssue {
  /** Dotted path of the field (`registration.capacity`): what the mini-program shows errors under. */
  field: string;
  /** What is wrong, in Chinese, without the field's name (shown under the field). */
  message: string;
  /** The field's Chinese name, when known (`名额`). */
  label?: string;
}

export const badRequest = (message: string, details?: unknown) => new AppError(400, 'bad_request', message, details);
/** A 400 whose message names every field: `请求参数有误：名额（registration.capacity）不能小于 1`. */
export const validationFailed = (issues: FieldIssue[]) =>
  new AppError(
    400,
    'validation_failed',
    `请求参数有误：${issues.map((i) => (i.label ? `${i.label}（${i.field}）${i.message}` : `${i.field} ${i.message}`)).join('；')}`,
    { fields: issues },
  );
export const unauthorized = (message = '请先登录') => new AppError(401, 'unauthorized', message);
export const forbidden = (message = '没有权限执行此操作') => new AppError(403, 'forbidden', message);
export const notFound = (what = '资源') => new AppError(404, 'not_found', `${what}不存在`);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
export const tooLarge = () => new AppError(413, 'payload_too_large', '请求内容过大');
export const tooManyRequests = () => new AppError(429, 'rate_limited', '操作过于频繁，请稍后再试');
export const serviceUnavailable = (message = '服务暂时不可用，请稍后再试') => new AppError(503, 'service_unavailable', message);
export const upstreamFailed = (message: string) => new AppError(502, 'upstream_failed', message);
