/**
 * The baseline of the browse bench: plain Koa and the bare mongodb driver answering the first
 * page of `GET /api/v1/events` and `GET /api/v1/policies`, and one `GET /api/v1/events/:id`, with
 * the database work the api does without its read cache (api/src/routes/content/crud.ts,
 * events.ts, commands/seatCounts.ts): filter status published, the same sort, skip/limit,
 * countDocuments for the total, and for events the two seat-count aggregations. The reply has the
 * api's shape ({ items, total, page, pageSize } or one item, ids and dates as strings) but no
 * mongoose, zod, auth, helmet, CORS, metrics or request logging, and no cache: the ratio is what
 * the api's layers cost against what its cache saves.
 */
import type { Server } from 'node:http';
import Koa from 'koa';
import mongoose from 'mongoose';

type Doc = Record<string, unknown> & { _id: mongoose.Types.ObjectId };

/** `_id` → `id`, the rest as stored (JSON turns dates into ISO strings, as the presenters do). */
const plain = ({ _id, ...rest }: Doc) => ({ id: String(_id), ...rest });

export async function startBaselineServer(uri: string): Promise<{ url: string; stop(): Promise<void> }> {
  // Same pool size as the api's mongoose connection (api/src/server.ts).
  const client = await new mongoose.mongo.MongoClient(uri, { maxPoolSize: 20, serverSelectionTimeoutMS: 5000 }).connect();
  const db = client.db();
  const filter = { status: 'published' };
  const page = (ctx: Koa.Context) => ({
    page: Math.max(1, Number(ctx.query.page) || 1),
    pageSize: Math.min(100, Math.max(1, Number(ctx.query.pageSize) || 20)),
  });
  const firstPage = async (collection: string, sort: Record<string, 1 | -1>, ctx: Koa.Context) => {
    const p = page(ctx);
    const c = db.collection<Doc>(collection);
    const [docs, total] = await Promise.all([
      c
        .find(filter)
        .sort(sort)
        .skip((p.page - 1) * p.pageSize)
        .limit(p.pageSize)
        .toArray(),
      c.countDocuments(filter),
    ]);
    return { docs, total, ...p };
  };

  const seatCounts = async (ids: mongoose.Types.ObjectId[]) => {
    const [seats, regs] = await Promise.all([
      db
        .collection('seats')
        .aggregate([{ $match: { event: { $in: ids } } }, { $group: { _id: '$event', n: { $sum: 1 } } }])
        .toArray(),
      db
        .collection('registrations')
        .aggregate([
          { $match: { event: { $in: ids }, status: { $in: ['offered', 'waitlisted'] } } },
          { $group: { _id: { event: '$event', status: '$status' }, n: { $sum: 1 } } },
        ])
        .toArray(),
    ]);
    const held = new Map(seats.map((s) => [String(s._id), s.n as number]));
    const waiting = new Map(regs.map((r) => [`${String(r._id.event)}:${r._id.status}`, r.n as number]));
    return (d: Doc) => ({
      ...plain(d),
      availability: {
        confirmed: held.get(String(d._id)) ?? 0,
        waitlisted: waiting.get(`${String(d._id)}:waitlisted`) ?? 0,
      },
    });
  };
  const eventPage = /^\/api\/v1\/events\/([0-9a-f]{24})$/;

  const app = new Koa();
  app.silent = true;
  app.use(async (ctx) => {
    if (ctx.method !== 'GET') return;
    if (ctx.path === '/api/v1/policies') {
      const { docs, ...rest } = await firstPage('policies', { publishedAt: -1, _id: -1 }, ctx);
      ctx.body = { items: docs.map(({ body: _body, ...d }) => plain(d as Doc)), ...rest };
    } else if (ctx.path === '/api/v1/events') {
      const { docs, ...rest } = await firstPage('events', { startsAt: 1, _id: 1 }, ctx);
      const withCounts = await seatCounts(docs.map((d) => d._id));
      ctx.body = {
        items: docs.map(withCounts),
        ...rest,
      };
    } else if (eventPage.test(ctx.path)) {
      const _id = new mongoose.Types.ObjectId(eventPage.exec(ctx.path)![1]);
      const doc = await db.collection<Doc>('events').findOne({ _id, ...filter });
      if (!doc) return;
      ctx.body = (await seatCounts([doc._id]))(doc);
    }
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await client.close();
    },
  };
}
