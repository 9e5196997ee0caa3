/**
 * A stand-in for the api's /api/v1/bot/* routes on a local port: it checks the bearer token,
 * validates each body against the shared contract (a bot that drifts from it gets the 400 the real
 * api would give), records every call and answers with per-test route functions.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BotStatusInput,
  ClaimInput,
  CommandInput,
  RoomJoinedInput,
  RoomRemovedInput,
  RoomTopicInput,
  SendResultInput,
} from '@techbridge/shared';
import type { z } from 'zod';
import { waitFor } from './wait.js';

export const FAKE_BOT_TOKEN = 'fake-bot-token-0123456789abcdef';

const CONTRACT: Record<string, z.ZodType> = {
  '/status': BotStatusInput,
  '/rooms/joined': RoomJoinedInput,
  '/rooms/topic': RoomTopicInput,
  '/rooms/removed': RoomRemovedInput,
  '/deliveries/claim': ClaimInput,
  '/deliveries/result': SendResultInput,
  '/commands': CommandInput,
};

export interface FakeCall {
  path: string;
  /** The body after the contract's parse (defaults filled in). */
  body: any;
  at: number;
}

/** Returned by a route to answer with another status than 200. */
export class FakeReply {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

export type Route = (body: any) => unknown;

const DEFAULT_ROUTES: Record<string, Route> = {
  '/status': (b) => ({
    account: b.account,
    state: b.state,
    loggedIn: b.state !== 'logout',
    qrcode: b.qrcode ?? null,
    userName: b.userName ?? null,
    lastSeenAt: new Date().toISOString(),
    alive: true,
  }),
  '/rooms/joined': (b) => ({ groupId: `g-${b.roomId}`, helpText: '科转通使用帮助' }),
  '/rooms/topic': () => ({ ok: true }),
  '/rooms/removed': () => ({ ok: true }),
  '/deliveries/claim': () => ({ units: [], paused: false }),
  '/deliveries/result': () => ({ ok: true }),
  '/commands': () => ({ reply: null }),
};

export interface FakeApi {
  url: string;
  calls: FakeCall[];
  callsTo(path: string): FakeCall[];
  /** Replaces one route's answer. */
  route(path: string, fn: Route): void;
  /** Waits until a call to `path` matches `match`; returns it. */
  waitForCall(path: string, match?: (body: any) => boolean, timeoutMs?: number): Promise<FakeCall>;
  stop(): Promise<void>;
}

export async function startFakeApi(routes: Record<string, Route> = {}): Promise<FakeApi> {
  const table: Record<string, Route> = { ...DEFAULT_ROUTES, ...routes };
  const calls: FakeCall[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      void (async () => {
        const send = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        };
        const path = (req.url ?? '').replace(/^\/api\/v1\/bot/, '');
        if (req.method !== 'POST' || !req.url?.startsWith('/api/v1/bot/') || !CONTRACT[path]) {
          return send(404, { error: { code: 'not_found', message: req.url } });
        }
        if (req.headers.authorization !== `Bearer ${FAKE_BOT_TOKEN}`) {
          return send(401, { error: { code: 'unauthorized', message: 'bad bot token' } });
        }
        const parsed = (CONTRACT[path] as z.ZodType).safeParse(raw ? JSON.parse(raw) : undefined);
        if (!parsed.success) {
          return send(400, { error: { code: 'validation', message: parsed.error.message } });
        }
        const call = { path, body: parsed.data, at: Date.now() };
        calls.push(call);
        try {
          const answer = await (table[path] as Route)(parsed.data);
          if (answer instanceof FakeReply) send(answer.status, answer.body);
          else send(200, answer);
        } catch (err) {
          send(500, { error: { code: 'internal', message: String(err) } });
        }
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    callsTo: (path) => calls.filter((c) => c.path === path),
    route(path, fn) {
      table[path] = fn;
    },
    waitForCall: (path, match = () => true, timeoutMs = 5_000) =>
      waitFor(() => calls.find((c) => c.path === path && match(c.body)), `a call to ${path}`, timeoutMs),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
