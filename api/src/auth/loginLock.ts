import type { Deps } from '../deps.js';
import { AppError } from '../errors.js';
import type { UserDoc } from '../models/index.js';

/**
 * Per-account lock after repeated wrong passwords, on top of the per-address rate limit: an attacker
 * who rotates addresses still gets LOGIN_LOCK_ATTEMPTS guesses per LOGIN_LOCK_MINUTES. Counts live
 * on the user document and move by single-document updates, so every api instance sees one count.
 */
export const loginLock = {
  /** Refuses a locked account before its password is even compared (the right one too). */
  assertOpen(deps: Deps, user: Pick<UserDoc, 'lockedUntil'>): void {
    const until = user.lockedUntil ? new Date(user.lockedUntil).getTime() : 0;
    const now = deps.now().getTime();
    if (until > now) {
      const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
      throw new AppError(429, 'account_locked', `密码错误次数过多，账号已临时锁定，请 ${minutes} 分钟后再试`, {
        retryAfterSeconds: Math.ceil((until - now) / 1000),
      });
    }
  },

  /** Counts a wrong password; the one that reaches the limit locks the account and starts a new count. */
  async failed(deps: Deps, userId: unknown): Promise<void> {
    const { User } = deps.models;
    await User.updateOne({ _id: userId }, { $inc: { failedLogins: 1 } });
    const until = new Date(deps.now().getTime() + deps.env.LOGIN_LOCK_MINUTES * 60_000);
    await User.updateOne(
      { _id: userId, failedLogins: { $gte: deps.env.LOGIN_LOCK_ATTEMPTS } },
      { $set: { lockedUntil: until, failedLogins: 0 } },
    );
  },

  /** A right password clears the count. */
  async succeeded(deps: Deps, user: Pick<UserDoc, '_id' | 'failedLogins'>): Promise<void> {
    if (user.failedLogins) await deps.models.User.updateOne({ _id: user._id }, { $set: { failedLogins: 0 } });
  },
};
