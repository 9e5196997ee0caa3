/**
 * `npm run seed`: loads the sample content (policies, programs, upcoming events, group profiles)
 * drawn from ../shared/seeds. Idempotent: every record is upserted by a stable key, so running it
 * twice leaves the same counts.
 */
import mongoose from 'mongoose';
import { shanghaiDateParts } from '@techbridge/shared';
import { createModels, syncIndexes, type Models } from '../models/index.js';
import { policyDedupKey, policyTitleKey } from '../routes/content/policies.js';
import { programNameKey } from '../routes/content/programs.js';
import { ensureEventCode } from '../events/eventCodes.js';
import { seedEvents } from './seed/events.js';
import { seedGroups, seedManager } from './seed/groups.js';
import { seedPolicies } from './seed/policies.js';
import { seedPrograms } from './seed/programs.js';

const DAY = 86_400_000;

/** `inDays` days after today (Asia/Shanghai) at `hour`:00 Shanghai time. */
function shanghaiAt(now: Date, inDays: number, hour: number): Date {
  const p = shanghaiDateParts(new Date(now.getTime() + inDays * DAY));
  const pad = (n: number) => String(n).padStart(2, '0');
  return new Date(`${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(hour)}:00:00+08:00`);
}

export async function seed(models: Models, now = new Date()) {
  for (const { seedFile: _file, ...p } of seedPolicies) {
    const dedupKey = policyDedupKey(p);
    await models.Policy.updateOne(
      { dedupKey },
      { $set: { ...p, publishedAt: new Date(p.publishedAt), status: 'published', dedupKey, titleKey: policyTitleKey(p) } },
      { upsert: true },
    );
  }
  for (const { window, ...p } of seedPrograms) {
    const [open, close] = window as [number, number];
    await models.Program.updateOne(
      { code: p.code },
      {
        $set: {
          ...p,
          nameKey: programNameKey(p),
          applicationOpensAt: shanghaiAt(now, open, 9),
          applicationClosesAt: shanghaiAt(now, close, 17),
          status: 'published',
        },
      },
      { upsert: true },
    );
  }
  for (const { key, inDays, hour, registration, ...e } of seedEvents) {
    const startsAt = shanghaiAt(now, inDays, hour);
    await models.Event.updateOne(
      { seedKey: key },
      {
        $set: {
          ...e,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 3 * 3600_000),
          registration: {
            waitlistEnabled: true,
            approvalRequired: false,
            offerWindowMinutes: 30,
            questions: [],
            ...registration,
            opensAt: new Date(now.getTime() - DAY),
            closesAt: new Date(startsAt.getTime() - 3600_000),
          },
          status: 'published',
          seedKey: key,
        },
      },
      { upsert: true },
    );
    const stored = await models.Event.findOne({ seedKey: key }).lean();
    if (stored) await ensureEventCode(models, stored, { now });
  }
  for (const { key, roomId, topic, ...profile } of seedGroups) {
    await models.Group.updateOne(
      { seedKey: key },
      {
        $set: { roomId, topic, profile, status: 'active', seedKey: key },
        // Added, never replaced: managers an organizer named stay (re-seeding adds this one back).
        $addToSet: { managers: seedManager(roomId) },
        $setOnInsert: { delivery: { mode: 'instant', digestAt: '09:00', quietHours: null } },
      },
      { upsert: true },
    );
  }
  const [policies, programs, events, groups] = await Promise.all([
    models.Policy.countDocuments(),
    models.Program.countDocuments(),
    models.Event.countDocuments(),
    models.Group.countDocuments(),
  ]);
  return { policies, programs, events, groups };
}

if (process.argv[1]?.endsWith('seed.ts')) {
  // An async function rather than top-level await: the tests load this module as CommonJS (jest), which has none.
  void (async () => {
    const uri = process.env.MONGODB_URI;
    if (!uri) {
      console.error('MONGODB_URI is not set (run through `npm run seed`, which provides a local database)');
      process.exit(1);
    }
    const conn = await mongoose.createConnection(uri).asPromise();
    const models = createModels(conn);
    await syncIndexes(models);
    const counts = await seed(models);
    console.log(
      `seeded ${conn.name}: ${counts.policies} policies, ${counts.programs} programs, ${counts.events} events, ${counts.groups} groups`,
    );
    await conn.close();
  })();
}
