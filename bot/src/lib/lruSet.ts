/**
 * A set that remembers at most `capacity` keys, forgetting the least recently added first.
 * Used to handle each WeChat message id once: puppets re-deliver messages after reconnects.
 */
export class LruSet {
  private readonly keys = new Map<string, true>();

  constructor(private readonly capacity: number) {
    if (capacity < 1) throw new RangeError('capacity must be at least 1');
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Adds `key`; returns false when it was already there (and refreshes it). */
  add(key: string): boolean {
    const fresh = !this.keys.delete(key);
    this.keys.set(key, true);
    if (this.keys.size > this.capacity) {
      const oldest = this.keys.keys().next().value;
      if (oldest !== undefined) this.keys.delete(oldest);
    }
    return fresh;
  }

  get size(): number {
    return this.keys.size;
  }
}
