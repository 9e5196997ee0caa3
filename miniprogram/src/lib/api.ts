import Taro from '@tarojs/taro';
import { clearSession, readSession, saveLogoutNotice, saveSession, type Session } from './session';
import { takePrefetched } from './prefetch';
import { goLogin } from './routes';

/**
 * The api base, `/api/v1` included, per build mode from `.env.<mode>`: TARO_APP_API_BASE, and for H5
 * TARO_APP_H5_API_BASE when set (H5 is served next to the api, so production H5 uses a same-origin path
 * while the weapp build needs the absolute https address).
 */
export const API_BASE = (
  (process.env.TARO_ENV === 'h5' ? process.env.TARO_APP_H5_API_BASE : undefined) ||
  process.env.TARO_APP_API_BASE ||
  '/api/v1'
).replace(/\/+$/, '');

export interface FieldError {
  field: string;
  message: string;
}

/** An api error as the user should see it: the server's Chinese message, plus per-field messages for forms. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** Field messages keyed by the last path segment (`registration.capacity` → both keys). */
  fieldMap(): Record<string, string> {
    const map: Record<string, string> = {};
    for (const f of this.fields) {
      map[f.field] ??= f.message;
      const last = f.field.split('.').pop()!;
      map[last] ??= f.message;
    }
    return map;
  }
}

type Query = Record<string, string | number | boolean | undefined | null>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Send the token if there is one (default). Routes that need a user redirect to login on 401. */
  auth?: boolean;
  /** On 401, go to the login page (default true). */
  redirectOn401?: boolean;
}

const REFRESH_WITHIN_MS = 24 * 3600_000;
let refreshing: Promise<void> | null = null;

function toQuery(query: Query | undefined): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** A public GET that index.html already started (H5), as Taro.request would have answered it; null if none. */
async function fromPrefetch(url: string): Promise<{ statusCode: number; data: unknown } | null> {
  const found = await takePrefetched(url);
  if (!found) return null;
  try {
    return { statusCode: found.status, data: found.body ? JSON.parse(found.body) : undefined };
  } catch {
    return null;
  }
}

async function raw<T>(method: string, path: string, opts: RequestOptions, token: string | null): Promise<T> {
  const url = `${API_BASE}${path}${toQuery(opts.query)}`;
  let res: Taro.request.SuccessCallbackResult<any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- read below
  try {
    const prefetched = method === 'GET' && !token ? await fromPrefetch(url) : null;
    res =
      (prefetched as typeof res | null) ??
      (await Taro.request({
        url,
        method: method as 'GET',
        data: opts.body === undefined ? undefined : (opts.body as Record<string, unknown>),
        header: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        // Taro's H5 request rejects non-2xx only when asked; we read the status ourselves.
        dataType: 'json',
      }));
  } catch {
    throw new ApiError(0, 'network', '网络异常，请检查网络后重试');
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T;
  const body = (res.data ?? {}) as { error?: { code?: string; message?: string; details?: { fields?: FieldError[] } } };
  const err = body.error;
  const fallback = res.statusCode >= 500 ? '服务暂时不可用，请稍后再试' : `请求失败（${res.statusCode}）`;
  throw new ApiError(
    res.statusCode,
    err?.code ?? 'http_error',
    err?.message ?? fallback,
    err?.details?.fields ?? [],
    err?.details,
  );
}

/** Refresh a token that expires within a day, once, before it lapses in the middle of a form. */
async function freshToken(): Promise<string | null> {
  const session = readSession();
  if (!session) return null;
  const left = Date.parse(session.expiresAt) - Date.now();
  if (left <= 0) {
    clearSession();
    return null;
  }
  if (left < REFRESH_WITHIN_MS) {
    refreshing ??= raw<Session>('POST', '/auth/refresh', {}, session.token)
      .then(saveSession)
      .catch(() => undefined)
      .finally(() => {
        refreshing = null;
      });
    await refreshing;
  }
  return readSession()?.token ?? null;
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const token = opts.auth === false ? null : await freshToken();
  try {
    return await raw<T>(method, path, opts, token);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401 && opts.redirectOn401 !== false) {
      // Signed out because something changed on the server (role removed, account disabled, password
      // changed elsewhere): the login page says why, so the person is not left guessing.
      if (e.code === 'session_revoked' && readSession()) saveLogoutNotice(e.message);
      clearSession();
      goLogin();
    }
    throw e;
  }
}

export const api = {
  get: <T>(path: string, query?: Query, opts: RequestOptions = {}) => request<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) => request<T>('POST', path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body: unknown, opts: RequestOptions = {}) => request<T>('PATCH', path, { ...opts, body }),
};

/** Full URL of an api resource, for downloads (CSV export, calendar) that the browser or WeChat opens itself. */
export const apiUrl = (path: string, query?: Query) => `${API_BASE}${path}${toQuery(query)}`;

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/**
 * An address the api gave as a path under itself (`/api/v1/images/…`, an event cover), made absolute against
 * API_BASE so the weapp build, which needs the full https address, can load it too.
 */
export function assetUrl(path: string): string {
  if (/^https?:\/\//.test(path)) return path;
  return `${API_BASE}${path.replace(/^\/api\/v1(?=\/)/, '')}`;
}

/**
 * Uploads a local file (a path from Taro.chooseImage: a temp file in weapp, a blob: URL on H5) as
 * multipart/form-data field `name`, signed in, and reads the JSON reply like `request` does.
 */
export async function uploadFile<T>(path: string, filePath: string, name = 'file'): Promise<T> {
  const token = await freshToken();
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: `${API_BASE}${path}`,
      filePath,
      name,
      header: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new ApiError(0, 'network', '上传失败，请检查网络后重试');
  }
  let body: { error?: { code?: string; message?: string; details?: { fields?: FieldError[] } } } = {};
  try {
    body = JSON.parse(res.data) as typeof body;
  } catch {
    /* not JSON: an error page from a proxy */
  }
  if (res.statusCode >= 200 && res.statusCode < 300) return body as T;
  const err = body.error;
  throw new ApiError(
    res.statusCode,
    err?.code ?? 'http_error',
    err?.message ?? `上传失败（${res.statusCode}）`,
    err?.details?.fields ?? [],
    err?.details,
  );
}
