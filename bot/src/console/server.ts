/**
 * The simulated WeChat console (development only): a small HTTP server inside the bot process that
 * serves one page and lets a person type into the demo rooms as the owner, a manager, a member or a
 * newcomer, create and rename rooms, remove or invite the bot, and switch the scripted chatter; new
 * lines arrive over server-sent events. It drives the demo world (the mock puppet), so the bot stays
 * the only process that talks to "WeChat", and asks the api (bot token) how it holds each room.
 * Bound to 127.0.0.1; refuses to start when NODE_ENV=production.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import type { ApiClient } from '../apiClient.js';
import type { DemoWorld } from '../demo/world.js';
import type { Logger } from '../logger.js';
import { consoleAssets } from './assets.js';

export interface ConsoleOptions {
  world: DemoWorld;
  api: ApiClient;
  account: string;
  /** 0 picks a free port. */
  port: number;
  log: Logger;
  nodeEnv?: string;
}

export interface RunningConsole {
  url: string;
  stop(): Promise<void>;
}

const Say = z.object({
  role: z.enum(['owner', 'manager', 'member', 'newcomer'], { message: '身份应为群主、管理员、成员或新成员' }),
  text: z.string().trim().min(1, '请输入消息').max(2000, '消息最长 2000 字'),
  mention: z.boolean().default(false),
});
const Topic = z.object({ topic: z.string().trim().min(1, '请输入群名').max(60, '群名最长 60 字') });
const Chatter = z.object({ on: z.boolean() });

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function startConsole(options: ConsoleOptions): Promise<RunningConsole> {
  const { world, api, account, log } = options;
  if ((options.nodeEnv ?? process.env.NODE_ENV) === 'production') {
    throw new Error('the simulated WeChat console is for development only (NODE_ENV=production)');
  }
  const assets = consoleAssets();
  const streams = new Set<ServerResponse>();
  const broadcast = (event: string, data: unknown) => {
    const chunk = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of streams) res.write(chunk);
  };
  const unsubscribeLines = world.conversations.subscribe((line) => broadcast('line', line));
  const unsubscribeRooms = world.onRoomsChanged(() => broadcast('rooms', world.rooms()));

  const room = (id: string) => {
    if (!world.rooms().some((r) => r.roomId === id)) throw new HttpError(404, '没有这个群');
    return id;
  };
  const body = async <S extends z.ZodType>(req: IncomingMessage, schema: S): Promise<z.output<S>> => {
    let raw = '';
    for await (const chunk of req) {
      raw += chunk;
      if (raw.length > 16_000) throw new HttpError(413, '请求太大');
    }
    let json: unknown;
    try {
      json = raw ? JSON.parse(raw) : {};
    } catch {
      throw new HttpError(400, '请求不是有效的 JSON');
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? '请求格式不正确');
    return parsed.data;
  };
  const state = () => ({
    botName: world.botName,
    chatter: world.chatterOn(),
    rooms: world.rooms(),
    lines: Object.fromEntries(world.rooms().map((r) => [r.roomId, world.conversations.of(r.roomId)])),
  });

  const routes: [string, RegExp, (req: IncomingMessage, res: ServerResponse, m: RegExpExecArray) => Promise<unknown>][] = [
    ['GET', /^\/$/, async (_req, res) => send(res, 200, assets.page(), 'text/html; charset=utf-8')],
    ['GET', /^\/console\.js$/, async (_req, res) => send(res, 200, await assets.script(), 'text/javascript; charset=utf-8')],
    ['GET', /^\/api\/state$/, async () => state()],
    [
      'GET',
      /^\/api\/events$/,
      async (req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write(': connected\n\n');
        streams.add(res);
        req.on('close', () => streams.delete(res));
        return undefined;
      },
    ],
    [
      'GET',
      /^\/api\/rooms\/([^/]+)\/profile$/,
      async (_req, _res, m) => api.roomProfile({ account, roomId: room(decodeURIComponent(m[1]!)) }, { attempts: 1 }),
    ],
    [
      'POST',
      /^\/api\/rooms\/([^/]+)\/say$/,
      async (req, _res, m) => {
        const id = room(decodeURIComponent(m[1]!));
        const { role, text, mention } = await body(req, Say);
        world.say(id, role, text, mention);
        return { ok: true };
      },
    ],
    ['POST', /^\/api\/rooms$/, async (req) => ({ roomId: world.createRoom((await body(req, Topic)).topic) })],
    [
      'POST',
      /^\/api\/rooms\/([^/]+)\/rename$/,
      async (req, _res, m) => {
        world.rename(room(decodeURIComponent(m[1]!)), (await body(req, Topic)).topic);
        return { ok: true };
      },
    ],
    [
      'POST',
      /^\/api\/rooms\/([^/]+)\/(remove-bot|invite-bot)$/,
      async (_req, _res, m) => {
        const id = room(decodeURIComponent(m[1]!));
        if (m[2] === 'remove-bot') world.removeBot(id);
        else world.inviteBot(id);
        return { ok: true };
      },
    ],
    [
      'POST',
      /^\/api\/chatter$/,
      async (req) => {
        world.setChatter((await body(req, Chatter)).on);
        broadcast('chatter', { on: world.chatterOn() });
        return { on: world.chatterOn() };
      },
    ],
  ];

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://console').pathname;
    const route = routes.find(([method, re]) => method === req.method && re.test(path));
    if (!route) return void send(res, 404, { error: '没有这个地址' });
    route[2](req, res, route[1].exec(path)!)
      .then((out) => {
        if (out !== undefined) send(res, 200, out);
      })
      .catch((err: unknown) => {
        if (err instanceof HttpError) return send(res, err.status, { error: err.message });
        log.warn({ err: String(err), path }, 'console request failed');
        send(res, 502, { error: '操作失败：api 暂时无法访问' });
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      unsubscribeLines();
      unsubscribeRooms();
      for (const res of streams) res.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, status: number, payload: unknown, type = 'application/json; charset=utf-8') {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(typeof payload === 'string' ? payload : JSON.stringify(payload));
}
