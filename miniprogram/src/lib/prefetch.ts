/**
 * Api answers that index.html started fetching before the app ran (H5 only; config/h5Prefetch.ts says which).
 * Each is handed over once, to the first request for exactly its URL; later requests (a reload, pull to refresh)
 * go to the network.
 */

export interface Prefetched {
  status: number;
  /** The response body as text (JSON from the api). */
  body: string;
}

type Store = Record<string, Promise<Prefetched | null> | undefined>;

/** The prefetched answer for `url`, or null when there is none (or on weapp). */
export function takePrefetched(url: string): Promise<Prefetched | null> | null {
  if (process.env.TARO_ENV !== 'h5' || typeof window === 'undefined') return null;
  const store = (window as unknown as { __tbPrefetch?: Store }).__tbPrefetch;
  const found = store?.[url];
  if (!found) return null;
  delete store[url];
  return found;
}

/**
 * `from` for lists of what is still ahead (events by start, programs by deadline): the current minute, not the
 * current millisecond. The same for a minute, so index.html's prefetch can ask for it before the page does, and
 * everyone a push brings in within that minute shares one entry of the api's read cache.
 */
export function fromThisMinute(now = Date.now()): string {
  return new Date(Math.floor(now / 60_000) * 60_000).toISOString();
}
