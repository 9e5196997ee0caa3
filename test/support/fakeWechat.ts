/**
 * A local stand-in for WeChat's HTTP API (the one edge the tests cannot reach): `/cgi-bin/token` and
 * `/cgi-bin/message/subscribe/send`. It issues numbered tokens (only the newest is valid, as WeChat
 * invalidates older ones), records every accepted message, and answers with scripted errcodes or
 * HTTP failures when a test asks for them.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SentMessage {
  touser: string;
  template_id: string;
  page: string;
  miniprogram_state: string;
  lang: string;
  data: Record<string, { value: string }>;
}

export interface FakeWechat {
  url: string;
  /** Messages WeChat accepted, in order. */
  sent: SentMessage[];
  /** Token fetches served. */
  tokenFetches: number;
  /** Delay (ms) before answering a token fetch: lets concurrent senders pile up on it. */
  tokenDelayMs: number;
  /** Next answers to sends, consumed first: an errcode, or 'http500' / 'hangup' for a broken call. */
  script: (number | 'http500' | 'hangup')[];
  /** Answer every send with this while set (WeChat down). */
  down: 'http500' | 'hangup' | null;
  /** Makes the current token invalid, as if another fetch had replaced it (next send gets 40001). */
  invalidateToken(): void;
  close(): Promise<void>;
}

export async function startFakeWechat(): Promise<FakeWechat> {
  let current = '';
  let seq = 0;
  const fake: Omit<FakeWechat, 'url' | 'close'> = {
    sent: [],
    tokenFetches: 0,
    tokenDelayMs: 0,
    script: [],
    down: null,
    invalidateToken: () => void (current = 'invalidated'),
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const json = (body: unknown, status = 200) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/cgi-bin/token') {
      fake.tokenFetches++;
      setTimeout(() => {
        current = `token-${++seq}`;
        json({ access_token: current, expires_in: 7200 });
      }, fake.tokenDelayMs);
      return;
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const answer = fake.script.length > 0 ? fake.script.shift()! : fake.down;
        if (answer === 'hangup') return void req.socket.destroy();
        if (answer === 'http500') return json({ message: 'internal' }, 500);
        if (url.searchParams.get('access_token') !== current) return json({ errcode: 40001, errmsg: 'invalid credential' });
        if (typeof answer === 'number') return json({ errcode: answer, errmsg: 'scripted' });
        fake.sent.push(JSON.parse(raw) as SentMessage);
        json({ errcode: 0, errmsg: 'ok' });
      });
      return;
    }
    json({ errcode: 404, errmsg: 'not faked' }, 404);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(fake, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  }) as FakeWechat;
}

/** Template ids the tests configure, one per kind. */
export const TEMPLATE_IDS = {
  registration_result: 'tpl-result',
  waitlist_offer: 'tpl-offer',
  event_reminder: 'tpl-reminder',
  event_changed: 'tpl-changed',
  event_cancelled: 'tpl-cancelled',
  new_content: 'tpl-content',
} as const;

/** Env that turns subscribe messages on against a fake WeChat at `url`, sending only when a test asks. */
export function notifyEnv(url: string): Record<string, string> {
  return {
    SUBSCRIBE_MESSAGES: '1',
    WECHAT_APPID: 'wx-test-app',
    WECHAT_SECRET: 'test-secret',
    WECHAT_API_BASE: url,
    NOTIFY_INTERVAL_MS: '0',
    NOTIFY_RETRY_BASE_MS: '0',
    NOTIFY_MAX_ATTEMPTS: '3',
    WECHAT_TEMPLATE_REGISTRATION_RESULT: `${TEMPLATE_IDS.registration_result}|thing1:title,phrase2:status,time3:startsAt,thing4:note`,
    WECHAT_TEMPLATE_WAITLIST_OFFER: `${TEMPLATE_IDS.waitlist_offer}|thing1:title,time2:deadline,thing3:note`,
    WECHAT_TEMPLATE_EVENT_REMINDER: `${TEMPLATE_IDS.event_reminder}|thing1:title,time2:startsAt,thing3:place`,
    WECHAT_TEMPLATE_EVENT_CHANGED: `${TEMPLATE_IDS.event_changed}|thing1:title,time2:startsAt,thing3:place,thing4:note`,
    WECHAT_TEMPLATE_EVENT_CANCELLED: `${TEMPLATE_IDS.event_cancelled}|thing1:title,time2:startsAt,thing3:reason`,
    WECHAT_TEMPLATE_NEW_CONTENT: `${TEMPLATE_IDS.new_content}|thing1:title,phrase2:type,thing3:note`,
  };
}
