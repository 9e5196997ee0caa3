import type { Env } from '../env.js';

/** What one webhook call came to. `retry`: worth trying again later; `permanent`: it will not get better. */
export type WecomOutcome = { ok: true } | { ok: false; kind: 'rate_limited' | 'retry' | 'permanent' | 'unknown'; error: string };

/** A message body as WeCom's webhook takes it (text or markdown; the only two we send). */
export type WecomMessage =
  { msgtype: 'markdown'; markdown: { content: string } } | { msgtype: 'text'; text: { content: string } };

/** Errors raised before a request could reach WeCom: nothing was posted, so trying again cannot double it. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Said when WeCom may or may not have taken a message (no answer in time, connection cut mid-way). */
export const WECOM_NO_ANSWER = '企业微信未应答，消息可能已送达；为避免重复未自动重发';

/** 45009: over the robot's 20 a minute. -1: WeCom busy. Every other non-zero errcode is a refusal. */
const RATE_LIMITED = 45009;
const BUSY = -1;

/**
 * Posts one message to a group robot at `WECOM_API_BASE`. Never throws and never puts the key in what it
 * returns: the key is the robot's credential, and these strings reach the report and the logs.
 */
export async function postToRobot(env: Env, key: string, message: WecomMessage): Promise<WecomOutcome> {
  const url = `${env.WECOM_API_BASE.replace(/\/+$/, '')}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`;
  const timeout = AbortSignal.timeout(env.WECOM_TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(message),
      signal: timeout,
    });
  } catch (e) {
    // Refused or unresolved: never reached WeCom, retry. Timed out or cut after sending: it may have been
    // posted, and posting again could show the group the message twice, so the outcome is reported instead.
    const code = (e as { cause?: { code?: string } }).cause?.code ?? '';
    if (!timeout.aborted && NOT_SENT.has(code)) return { ok: false, kind: 'retry', error: '网络错误：无法连接企业微信' };
    return { ok: false, kind: 'unknown', error: WECOM_NO_ANSWER };
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    return { ok: false, kind: 'retry', error: `企业微信接口返回 HTTP ${res.status}` };
  }
  const body = (await res.json().catch(() => null)) as { errcode?: unknown; errmsg?: unknown } | null;
  const code = typeof body?.errcode === 'number' ? body.errcode : null;
  if (code === 0) return { ok: true };
  if (code === RATE_LIMITED) return { ok: false, kind: 'rate_limited', error: '企业微信限流（45009），稍后重试' };
  if (code === null || code === BUSY) return { ok: false, kind: 'retry', error: '企业微信接口繁忙或应答无法识别' };
  const msg = typeof body?.errmsg === 'string' ? body.errmsg.split(',')[0]!.replaceAll(key, '****').slice(0, 80) : '';
  return { ok: false, kind: 'permanent', error: `企业微信拒绝了消息（errcode ${code}${msg ? `：${msg}` : ''}）` };
}
