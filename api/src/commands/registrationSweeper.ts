import type { Deps } from '../deps.js';
import { seatLedger } from './seatLedger.js';
import { offerExpirer } from './offerExpirer.js';
import { waitlistPromoter } from './waitlistPromoter.js';
import { cancellationFinisher } from './cancellationFinisher.js';
import { waitingWithdrawer } from './waitingWithdrawer.js';
import { eventChangeAnnouncer } from './eventChangeAnnouncer.js';
import { finishSubscriberNotices } from '../notify/subscribers.js';
import type { EventDoc } from '../models/index.js';

/** A holder this old whose registration does not show it is left over from a crash, not in flight. */
const REPAIR_AFTER_MS = 60_000;
/** Ledgers of events that ended longer ago than this are left alone. */
const EVENT_OVER_MS = 24 * 3_600_000;
const HOLDING = new Set(['confirmed', 'offered', 'checked_in']);

/**
 * The periodic sweep, run by the scheduler's lease holder (one instance at a time): expire
 * offers, repair seats left behind by a crash, hand free seats to the waitlist, and finish telling
 * what a crash left untold (cancellations, changes, new items to subscribers). Each step is safe to
 * repeat and to overlap with requests.
 */
export async function registrationSweeper(deps: Deps): Promise<void> {
  const { models } = deps;
  await offerExpirer(deps);
  await repairLedgers(deps);
  const eventIds: unknown[] = await models.Registration.distinct('event', { status: 'waitlisted' });
  for (const id of eventIds) await waitlistPromoter(deps, String(id));
  await finishCancellations(deps);
  await finishChangeNotices(deps);
  await finishSubscriberNotices(deps);
}

/** Changes of time or place saved but not yet told (the api stopped in between): tell them now. */
async function finishChangeNotices(deps: Deps): Promise<void> {
  const settled = new Date(deps.now().getTime() - REPAIR_AFTER_MS);
  const events = await deps.models.Event.find({
    status: 'published',
    'changeNotice.done': false,
    updatedAt: { $lt: settled },
  }).lean<EventDoc[]>();
  for (const event of events) await eventChangeAnnouncer(deps, event);
}

/**
 * Cancellations of the last day: one a crash left half-told is finished (every step is conditional or
 * keyed, so nothing is repeated); a sign-up or promotion that raced the cancel and left someone
 * waiting or offered is withdrawn.
 */
async function finishCancellations(deps: Deps): Promise<void> {
  const since = new Date(deps.now().getTime() - EVENT_OVER_MS);
  const events = await deps.models.Event.find({ status: 'cancelled', cancelledAt: { $gt: since } }).lean<EventDoc[]>();
  for (const event of events) {
    if (!event.cancelNoticed) await cancellationFinisher(deps, event);
    else if (await deps.models.Registration.exists({ event: event._id, status: { $in: ['waitlisted', 'offered'] } })) {
      await waitingWithdrawer(deps, event);
    }
  }
}

/**
 * Repairs a crash between "claim the seat" and "move the registration" (or "move" and "free"):
 * a holder still waiting won its seat and is confirmed; a holder that ended, vanished or still
 * awaits approval gives the seat back. Only holders older than REPAIR_AFTER_MS are touched, so a
 * request between its two steps is never mistaken for a crash.
 */
async function repairLedgers(deps: Deps): Promise<void> {
  const { models } = deps;
  const now = deps.now().getTime();
  const events = await models.Event.find({ startsAt: { $gt: new Date(now - EVENT_OVER_MS) } }, { _id: 1 }).lean();
  if (events.length === 0) return;
  const ledgers = await models.SeatLedger.find({ _id: { $in: events.map((e) => e._id) }, held: { $gt: 0 } }).lean();
  for (const ledger of ledgers) {
    const old = ledger.holders.filter((h) => now - new Date(h.at).getTime() > REPAIR_AFTER_MS);
    if (old.length === 0) continue;
    const regs = await models.Registration.find({ _id: { $in: old.map((h) => h.reg) } }, { status: 1 }).lean();
    const statusOf = new Map(regs.map((r) => [String(r._id), r.status]));
    for (const { reg } of old) {
      const status = statusOf.get(String(reg));
      if (status && HOLDING.has(status)) continue;
      if (status === 'waitlisted') {
        await models.Registration.updateOne({ _id: reg, status: 'waitlisted' }, { $set: { status: 'confirmed' } });
      } else {
        await seatLedger.release(models, ledger._id, reg);
      }
    }
  }
}
