import type { Deps } from '../deps.js';

/**
 * Runs `work` every `everyMs` on the instance holding the scheduler lease only, one round at a
 * time (a round still running when the next tick comes is not doubled). Background jobs that must
 * not run on every instance behind the load balancer (sweeps, senders) share this loop; every step
 * they take is conditional, so an overlap while the lease changes hands is harmless. `everyMs` 0
 * turns the loop off (tests drive the work themselves). `stop()` waits for the round under way.
 */
export function leaderLoop(deps: Deps, everyMs: number, what: string, work: () => Promise<unknown>): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  const timer =
    everyMs > 0
      ? setInterval(() => {
          if (running || !deps.scheduler?.isLeader) return;
          running = work()
            .catch((err: unknown) => deps.logger.warn({ err }, `${what} failed`))
            .finally(() => (running = null));
        }, everyMs)
      : undefined;
  timer?.unref();
  return {
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
