import type { Env } from '../env.js';
import { upstreamFailed, unauthorized } from '../errors.js';

export interface WechatSession {
  openid: string;
  sessionKey: string;
  unionid?: string;
}

/**
 * Exchanges a mini-program login code for the user's openid (WeChat's jscode2session).
 * The base URL comes from WECHAT_API_BASE so tests point it at a local fake server.
 */
export async function jscode2session(env: Env, code: string): Promise<WechatSession> {
  const url = new URL('/sns/jscode2session', env.WECHAT_API_BASE);
  url.search = new URLSearchParams({
    appid: env.WECHAT_APPID,
    secret: env.WECHAT_SECRET,
    js_code: code,
    grant_type: 'authorization_code',
  }).toString();
  let data: { openid?: string; session_key?: string; unionid?: string; errcode?: number; errmsg?: string };
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    data = (await res.json()) as typeof data;
  } catch {
    throw upstreamFailed('微信登录服务暂时不可用，请稍后再试');
  }
  // 40029: invalid code, 40163: code already used: the client should log in again.
  if (data.errcode || !data.openid || !data.session_key) {
    if (data.errcode === 40029 || data.errcode === 40163) throw unauthorized('登录凭证无效或已使用，请重新登录');
    throw upstreamFailed('微信登录失败，请稍后再试');
  }
  return { openid: data.openid, sessionKey: data.session_key, ...(data.unionid ? { unionid: data.unionid } : {}) };
}
