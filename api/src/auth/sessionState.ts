import type { Role } from '@techbridge/shared';
import { Types } from 'mongoose';
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
 *
 * Reads of different users asked for in the same turn of the event loop go out as one
 * `find({_id: {$in: …}})`: a push sends hundreds of people to sign up at once, and each would
 * otherwise cost a round trip of its own before its request could start.
 */
export class SessionStates {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<SessionState | null>>();
  /** Users asked for since the last batch went out, with how to answer each. */
  private batch = new Map<string, { resolve: (s: SessionState | null) => void; reject: (e: unknown) => void }>();

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

  private read(models: Models, userId: string): Promise<SessionState | null> {
    // Ids come from tokens we signed, but one malformed id must not fail the whole batch's query.
    if (!Types.ObjectId.isValid(userId)) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      if (this.batch.size === 0) setImmediate(() => void this.flush(models));
      this.batch.set(userId, { resolve, reject });
    });
  }

  private async flush(models: Models): Promise<void> {
    const waiting = this.batch;
    this.batch = new Map();
    try {
      const users = await models.User.find(
        { _id: { $in: [...waiting.keys()] } },
        { tokenVersion: 1, roles: 1, disabled: 1 },
      ).lean();
      const byId = new Map(users.map((u) => [String(u._id), u]));
      for (const [id, { resolve }] of waiting) {
        const u = byId.get(id);
        resolve(
          u ? { tokenVersion: u.tokenVersion ?? 0, roles: (u.roles ?? []) as Role[], disabled: u.disabled === true } : null,
        );
      }
    } catch (e) {
      for (const { reject } of waiting.values()) reject(e);
    }
  }
}
