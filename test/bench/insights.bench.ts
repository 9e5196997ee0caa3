/**
 * Insights: `GET /api/v1/events/:id/insights` (the event's funnel per group, per channel and per day)
 * over HTTP for an event with 5,000 registrations and 100,000 recorded link opens, against baselines
 * measured in the same run on the same data:
 *  - baseline: the bare mongodb driver counting the raw records of the same collections the funnel
 *    covers (the event's registrations, its broadcasts' sent deliveries, its opens): totals only, no split;
 *  - scan (context): the bare driver grouping all 100,000 opens by group, which is what the funnel would
 *    cost without the per-link open tallies the api keeps.
 *
 * Seeding goes straight through the models in bulk: 300 groups (a sixth of them 企业微信 robots), the
 * event's publish broadcast and two reminders (900 deliveries, each with its tracking code), 100,000
 * opens spread over those codes and the groups' 报名 chat codes, the tallies exactly as the open path
 * leaves them (one count per code), 5,000 registrations with a mix of sources, statuses and days.
 * Then 5 warm-up requests, and BENCH_RUNS (30) timed requests one at a time, each followed by one run
 * of each baseline. Target: median and p99 < 200 ms. The figures also check the answer (opened =
 * opens seeded, signed up = registrations seeded). Last line: one JSON object with `figures`.
 */
import { Types } from 'mongoose';
import { startApi } from '../../api/src/server.js';
import { signToken } from '../../api/src/auth/tokens.js';
import {
  benchEnv,
  figure,
  freshDatabaseUri,
  median,
  percentile,
  printFigures,
  printResult,
  QUICK,
  round,
  timed,
} from './support.js';

const REGISTRATIONS = Number(process.env.BENCH_REGISTRATIONS ?? (QUICK ? 1000 : 5000));
const OPENS = Number(process.env.BENCH_OPENS ?? (QUICK ? 20_000 : 100_000));
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 10 : 30));
const GROUPS = 300;
const BATCH = 10_000;

const { uri, name } = freshDatabaseUri('insights');
const api = await startApi(benchEnv(uri), { sweep: false, scheduler: false });
const { models } = api.deps;
const db = models.conn.db!;

async function insertInBatches(collection: string, docs: object[]) {
  for (let i = 0; i < docs.length; i += BATCH)
    await db.collection(collection).insertMany(docs.slice(i, i + BATCH) as never[], { ordered: false });
}

try {
  const seeded = await timed(async () => {
    const organizer = await models.User.create({ openid: `bench-${name}`, roles: ['organizer'], name: '基准主办方' });
    const event = await models.Event.create({
      title: '2026 上海概念验证项目路演（基准）',
      kind: 'roadshow',
      startsAt: new Date(Date.now() + 7 * 86_400_000),
      regions: ['310000'],
      topics: ['poc'],
      registration: { capacity: REGISTRATIONS },
      status: 'published',
      createdBy: organizer._id,
    });
    const groups = Array.from({ length: GROUPS }, (_, i) => ({
      _id: new Types.ObjectId(),
      roomId: i % 6 === 5 ? `wecom:bench${i}` : `bench-${i}@chatroom`,
      topic: `基准测试群 ${i + 1}`,
      channel: i % 6 === 5 ? 'wecom' : 'wechat',
      status: 'active',
    }));
    await insertInBatches('groups', groups);
    const broadcasts = ['event', 'reminder', 'reminder'].map((kind, i) => ({
      _id: new Types.ObjectId(),
      title: event.title,
      kind,
      sourceType: 'event',
      sourceId: event._id,
      sourceKey: `bench:${String(event._id)}:${i}`,
      status: 'completed',
      audience: { kind: 'match' },
      schedule: { kind: 'now' },
    }));
    await insertInBatches('broadcasts', broadcasts);
    const deliveries = broadcasts.flatMap((b, bi) =>
      groups.map((g, gi) => ({
        _id: `${String(b._id)}:x:${String(g._id)}`,
        broadcast: b._id,
        occurrence: `${String(b._id)}:x`,
        group: g._id,
        roomId: g.roomId,
        channel: g.channel,
        kind: b.kind,
        text: '【活动预告】…',
        status: (gi + bi) % 25 === 0 ? 'failed' : 'sent',
        notBefore: new Date(),
        sentAt: new Date(),
        trackingCode: `${bi}${gi.toString(16).padStart(9, '0')}`,
      })),
    );
    await insertInBatches('deliveries', deliveries);
    // Codes as visitors meet them: mostly the pushes, some the 报名 links in group chats.
    const codes = [
      ...deliveries.map((d) => ({ code: d.trackingCode, broadcast: d.broadcast, group: d.group, channel: d.channel })),
      ...groups.slice(0, 50).map((g) => ({ code: `chat-${String(g._id)}`, broadcast: null, group: g._id, channel: g.channel })),
    ];
    const opens = Array.from({ length: OPENS }, (_, i) => {
      const c = codes[(i * 7919) % codes.length]!;
      return {
        _id: `${c.code}:v:bench${i.toString(36).padStart(12, '0')}`,
        code: c.code,
        user: null,
        itemType: 'event',
        item: event._id,
        broadcast: c.broadcast,
        group: c.group,
        channel: c.channel,
        at: new Date(Date.now() - (i % 20) * 86_400_000),
      };
    });
    await insertInBatches('opens', opens);
    const perCode = new Map<string, number>();
    for (const o of opens) perCode.set(o.code, (perCode.get(o.code) ?? 0) + 1);
    await insertInBatches(
      'openTallies',
      codes
        .filter((c) => perCode.has(c.code))
        .map((c) => ({
          _id: c.code,
          itemType: 'event',
          item: event._id,
          broadcast: c.broadcast,
          group: c.group,
          channel: c.channel,
          opens: perCode.get(c.code),
        })),
    );
    const statuses = [
      'confirmed',
      'confirmed',
      'confirmed',
      'checked_in',
      'waitlisted',
      'cancelled',
      'confirmed',
      'pending_approval',
    ];
    await insertInBatches(
      'registrations',
      Array.from({ length: REGISTRATIONS }, (_, i) => {
        const user = new Types.ObjectId();
        const status = statuses[i % statuses.length]!;
        return {
          event: event._id,
          user,
          role: 'attendee',
          contact: { name: '张三', org: '上海交通大学', phone: '13812345678' },
          source: i % 10 < 6 ? codes[(i * 31) % codes.length]!.code : i % 10 < 7 ? 'wx-share' : null,
          status,
          activeKey: status === 'cancelled' ? `ended:${i}` : `${String(event._id)}:${String(user)}`,
          ticketCode: `B${i.toString(36).padStart(8, '0')}`,
          createdAt: new Date(Date.now() - (i % 20) * 86_400_000),
          updatedAt: new Date(),
        };
      }),
    );
    return { event, organizer, broadcastIds: broadcasts.map((b) => b._id) };
  });
  const { event, organizer, broadcastIds } = seeded.result;
  console.log(`seeded ${OPENS} opens, ${REGISTRATIONS} registrations, ${GROUPS} groups in ${round(seeded.ms / 1000)} s`);

  const token = signToken(api.deps.env, String(organizer._id), ['organizer']).token;
  const url = `${api.url}/api/v1/events/${String(event._id)}/insights`;
  const get = async () => {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`insights answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { totals: { opened: number }; allRegistrations: { signedUp: number }; byGroup: unknown[] };
  };
  const baseline = () =>
    Promise.all([
      db.collection('registrations').countDocuments({ event: event._id }),
      db.collection('deliveries').countDocuments({ broadcast: { $in: broadcastIds }, status: 'sent' }),
      db.collection('opens').countDocuments({ item: event._id }),
    ]);
  const scan = () =>
    db
      .collection('opens')
      .aggregate([{ $match: { item: event._id } }, { $group: { _id: '$group', n: { $sum: 1 } } }])
      .toArray();

  // A running api is warm: the first requests pay for the JIT (and the embedded server's) warm-up.
  for (let i = 0; i < 5; i++) await get();
  const app: number[] = [];
  const base: number[] = [];
  const scanned: number[] = [];
  let answer = await get();
  for (let i = 0; i < RUNS; i++) {
    const r = await timed(get);
    answer = r.result;
    app.push(r.ms);
    base.push((await timed(baseline)).ms);
    scanned.push((await timed(scan)).ms);
  }
  const figures = [
    figure('event funnel, median ms', median(app), { baseline: median(base), onValue: { '<': 200 } }),
    figure('event funnel, p99 ms', percentile(app, 99), { baseline: percentile(base, 99), onValue: { '<': 200 } }),
    figure('opens grouped by a scan, median ms (context)', median(scanned), { baseline: median(base) }),
    figure('opened (= opens seeded)', answer.totals.opened, { onValue: { '=': OPENS } }),
    figure('signed up (= registrations seeded)', answer.allRegistrations.signedUp, { onValue: { '=': REGISTRATIONS } }),
    figure('groups in the answer', answer.byGroup.length, { onValue: { '=': GROUPS } }),
  ];
  printFigures(`Event insights: ${OPENS} opens, ${REGISTRATIONS} registrations, ${RUNS} requests`, figures);
  printResult({
    figures,
    app_median_ms: round(median(app)),
    app_p99_ms: round(percentile(app, 99)),
    baseline_median_ms: round(median(base)),
    scan_median_ms: round(median(scanned)),
    opens: OPENS,
    registrations: REGISTRATIONS,
    runs: RUNS,
  });
} finally {
  await models.conn.dropDatabase().catch((e) => console.error(`could not drop ${name}: ${(e as Error).message}`));
  await api.stop();
}
