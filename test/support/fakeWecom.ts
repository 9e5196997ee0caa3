/**
 * A local stand-in for WeCom's group-robot webhook (`POST /cgi-bin/webhook/send?key=…`): records every post
 * (key, body, the test clock's time) and answers what the test scripts, by default `{ errcode: 0 }`.
 * Point the api at it with WECOM_API_BASE.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WecomPost {
  key: string;
  body: { msgtype: string; markdown?: { content: string }; text?: { content: string } };
  at: Date;
}

/** What to answer one post: a JSON body, an HTTP error, or no answer at all (the connection hangs). */
export type WecomAnswer = { errcode: number; errmsg?: string } | { http: number } | 'hang';

export interface FakeWecom {
  base: string;
  posts: WecomPost[];
  /** Decides each answer; gets the post and how many posts this key had before it. */
  answer: (post: WecomPost, nthForKey: number) => WecomAnswer;
  postsFor(key: string): WecomPost[];
  close(): Promise<void>;
}

export async function startFakeWecom(now: () => Date = () => new Date()): Promise<FakeWecom> {
  const hanging = new Set<ServerResponse>();
  const fake: FakeWecom = {
    base: '',
    posts: [],
    answer: () => ({ errcode: 0, errmsg: 'ok' }),
    postsFor: (key) => fake.posts.filter((p) => p.key === key),
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      if (req.method !== 'POST' || url.pathname !== '/cgi-bin/webhook/send') {
        res.writeHead(404).end();
        return;
      }
      const key = url.searchParams.get('key') ?? '';
      const post: WecomPost = { key, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), at: now() };
      const nth = fake.postsFor(key).length;
      fake.posts.push(post);
      const answer = fake.answer(post, nth);
      if (answer === 'hang') {
        hanging.add(res);
        return;
      }
      if ('http' in answer) {
        res.writeHead(answer.http).end('upstream error');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}
