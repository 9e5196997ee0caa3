import type { Role } from '@techbridge/shared';
import type { Models } from '../models/index.js';

/** What a request needs to know about its user beyond the token. */
export interface SessionState {
  tokenVersion: number;
  roles: Role[];
  disabled: boolean;
}

interface Entry {
  state: SessionState | null;
  readAt: number;
}

/**
 * Per-instance cache of each user's token version, roles and disabled flag, read at most once per
 * `ttlMs` per user (concurrent requests share one read). That bounds how long a revoked token keeps
 * working on any instance, without a database read on every request. A write on this instance
 * forgets the entry at once (`forget`); other instances notice within `ttlMs`.
 */
export class SessionStates {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<SessionState | null>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  async get(models: Models, userId: string, now: number): Promise<SessionState | null> {
    const hit = this.entries.get(userId);
    if (hit && now - hit.readAt < this.ttlMs && now >= hit.readAt) return hit.state;
    let load = this.pending.get(userId);
    if (!load) {
      load = this.read(models, userId).finally(() => this.pending.delete(userId));
      this.pending.set(userId, load);
    }
    const state = await load;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(userId, { state, readAt: now });
    return state;
  }

  forget(userId: string): void {
    this.entries.delete(userId);
  }

  private async read(models: Models, userId: string): Promise<SessionState | null> {
    const u = await models.User.findById(userId, { tokenVersion: 1, roles: 1, disabled: 1 }).lean();
    if (!u) return null;
    return { tokenVersion: u.tokenVersion ?? 0, roles: (u.roles ?? []) as Role[], disabled: u.disabled === true };
  }
}
