import type { Env } from '../env.js';

/** Refresh this long before WeChat says the token expires (it gives 7,200 s). */
const REFRESH_EARLY_MS = 5 * 60_000;

/** WeChat answered with an errcode, or the call never completed. */
export class WechatError extends Error {
  constructor(
    readonly errcode: number | null,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The api's WeChat access token (`/cgi-bin/token`), cached per instance and refreshed five minutes
 * early or when WeChat calls it invalid (40001) or expired (42001). One fetch at a time: a new token
 * invalidates the old one, so concurrent senders that need one all wait for the same fetch.
 * Only the scheduler's lease holder sends, so one instance at a time fetches tokens.
 */
export class AccessToken {
  private token: string | null = null;
  private expiresAt = 0;
  private inflight: Promise<string> | null = null;
  /** Fetches made (tests check that concurrent senders share one). */
  fetches = 0;

  constructor(
    private readonly env: Env,
    private readonly now: () => Date,
  ) {}

  /** A valid token, fetching one if there is none or it is about to expire. */
  async get(): Promise<string> {
    if (this.token && this.now().getTime() < this.expiresAt - REFRESH_EARLY_MS) return this.token;
    return this.refresh(this.token);
  }

  /**
   * Replaces `stale` (the token WeChat just refused). If another caller already replaced it, its
   * new token is used rather than fetching again.
   */
  async refresh(stale: string | null): Promise<string> {
    if (this.inflight) return this.inflight;
    if (this.token !== stale && this.token && this.now().getTime() < this.expiresAt - REFRESH_EARLY_MS) return this.token;
    this.inflight = this.fetchToken().finally(() => (this.inflight = null));
    return this.inflight;
  }

  private async fetchToken(): Promise<string> {
    this.fetches++;
    const url = new URL('/cgi-bin/token', this.env.WECHAT_API_BASE);
    url.search = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.env.WECHAT_APPID,
      secret: this.env.WECHAT_SECRET,
    }).toString();
    let data: { access_token?: string; expires_in?: number; errcode?: number; errmsg?: string };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      data = (await res.json()) as typeof data;
    } catch (e) {
      throw new WechatError(null, `token fetch failed: ${(e as Error).message}`);
    }
    if (!data.access_token) throw new WechatError(data.errcode ?? null, `token refused: ${data.errcode} ${data.errmsg ?? ''}`);
    this.token = data.access_token;
    this.expiresAt = this.now().getTime() + (data.expires_in ?? 7200) * 1000;
    return this.token;
  }
}
