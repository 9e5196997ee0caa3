import { randomUUID } from 'node:crypto';
import schedule, { type Job } from 'node-schedule';
import type { Deps } from '../deps.js';
import { fireAllDue, fireDue } from './due.js';
import { holdLease, releaseLease } from './lease.js';
import { planReminders } from './reminders.js';

const LEASE = 'scheduler';

/**
 * Runs scheduled broadcasts. Every api instance runs one; only the lease holder schedules.
 * Jobs are node-schedule jobs named after their broadcast (`tz: 'Asia/Shanghai'`), rebuilt
 * from the database at start and on every safety tick, cancelled on stop. A job firing only
 * calls `fireDue`, which is idempotent, so a missed, doubled or late timer is harmless.
 */
export class Scheduler {
  readonly owner = randomUUID();
  private jobs = new Map<string, { job: Job; signature: string }>();
  private timer: NodeJS.Timeout | undefined;
  private leader = false;
  private stopped = false;

  constructor(private readonly deps: Deps) {}

  get isLeader(): boolean {
    return this.leader;
  }

  async start(): Promise<void> {
    await this.tick();
    // 0 turns the safety tick off (tests drive tick() with a controlled clock).
    const every = this.deps.env.SCHEDULER_TICK_MS;
    if (every === 0) return;
    this.timer = setInterval(
      () => void this.tick().catch((err) => this.deps.logger.warn({ err }, 'scheduler tick failed')),
      every,
    );
    this.timer.unref();
  }

  /** Renew or take the lease; as leader, sync jobs and fire anything due (incl. missed and reminders). */
  async tick(now = this.deps.now()): Promise<void> {
    if (this.stopped) return;
    this.leader = await holdLease(this.deps.models, LEASE, this.owner, this.deps.env.SCHEDULER_LEASE_MS, now);
    if (this.stopped) {
      // stop() ran while we were taking the lease: hand it back so failover is not delayed.
      if (this.leader) await releaseLease(this.deps.models, LEASE, this.owner);
      this.leader = false;
      return;
    }
    if (!this.leader) return this.cancelAll();
    await this.sync();
    await fireAllDue(this.deps, now);
    await planReminders(this.deps, now);
  }

  /** Makes the node-schedule jobs match the scheduled broadcasts in the database. */
  async sync(): Promise<void> {
    if (!this.leader || this.stopped) return;
    const broadcasts = await this.deps.models.Broadcast.find({
      status: 'scheduled',
      'schedule.kind': { $in: ['once', 'cron'] },
    }).lean();
    const wanted = new Set<string>();
    for (const b of broadcasts) {
      const id = String(b._id);
      // Matched on schedule.kind, so there is a schedule; and BroadcastSchedule requires `at` for
      // `once` and `cron` for `cron` (the schema just types both as optional).
      const s = b.schedule!;
      const signature = `${s.kind}|${s.cron ?? ''}|${s.at ? new Date(s.at).toISOString() : ''}`;
      wanted.add(id);
      if (this.jobs.get(id)?.signature === signature) continue;
      this.jobs.get(id)?.job.cancel();
      const spec = s.kind === 'cron' ? { rule: s.cron, tz: 'Asia/Shanghai' } : new Date(s.at as Date);
      const job = schedule.scheduleJob(`broadcast:${id}`, spec, () => void this.fire(id));
      if (job) this.jobs.set(id, { job, signature });
    }
    for (const [id, { job }] of this.jobs) {
      if (!wanted.has(id)) {
        job.cancel();
        this.jobs.delete(id);
      }
    }
  }

  private async fire(id: string): Promise<void> {
    const b = await this.deps.models.Broadcast.findById(id).lean();
    if (b) await fireDue(this.deps, b, this.deps.now()).catch((err) => this.deps.logger.warn({ err }, 'broadcast fire failed'));
  }

  private cancelAll(): void {
    for (const { job } of this.jobs.values()) job.cancel();
    this.jobs.clear();
  }

  /** Cancels jobs and hands the lease back so another instance takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.cancelAll();
    if (this.leader) await releaseLease(this.deps.models, LEASE, this.owner).catch(() => {});
    this.leader = false;
  }
}
