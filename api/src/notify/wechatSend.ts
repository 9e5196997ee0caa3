import type { Env } from '../env.js';
import { AccessToken, WechatError } from './accessToken.js';

export interface SubscribeMessage {
  openid: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** Token invalid (40001) or expired (42001): refresh once and resend. */
const TOKEN_ERRORS = new Set([40001, 42001]);

/**
 * Sends one subscribe message (`/cgi-bin/message/subscribe/send`). Resolves when WeChat accepted it;
 * throws WechatError with WeChat's errcode, or a null errcode when the call did not complete
 * (network, timeout, not JSON), which the sender retries.
 */
export async function sendSubscribeMessage(env: Env, token: AccessToken, message: SubscribeMessage): Promise<void> {
  let current = await token.get();
  for (let attempt = 0; ; attempt++) {
    const errcode = await post(env, current, message);
    if (errcode === 0) return;
    if (TOKEN_ERRORS.has(errcode) && attempt === 0) {
      current = await token.refresh(current);
      continue;
    }
    throw new WechatError(errcode, `subscribe send refused: ${errcode}`);
  }
}

async function post(env: Env, accessToken: string, message: SubscribeMessage): Promise<number> {
  const url = new URL('/cgi-bin/message/subscribe/send', env.WECHAT_API_BASE);
  url.search = new URLSearchParams({ access_token: accessToken }).toString();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        touser: message.openid,
        template_id: message.templateId,
        page: message.page,
        miniprogram_state: env.WECHAT_MINIPROGRAM_STATE,
        lang: 'zh_CN',
        data: message.data,
      }),
      signal: AbortSignal.timeout(5000),
    });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { errcode?: number };
    return body.errcode ?? 0;
  } catch (e) {
    throw new WechatError(null, `subscribe send failed: ${(e as Error).message}`);
  }
}
