/**
 * Read cache for the public GET routes (lists and pages of events, policies, programs).
 *
 * A push sends hundreds of people to one page at once. Each api instance keeps the serialized
 * replies it built, keyed by path + sorted query, and serves one only while the change tokens of
 * the collections it was built from (db/changeTokens.ts) are the ones it was built under: one
 * lookup by `_id` on `meta` per request (shared by requests arriving together) instead of a find,
 * a count and two aggregations. Tokens live in the shared database, so a write through any
 * instance is seen by every other at once.
 *
 * Bodies are the same for everyone who is not staff (staff also see drafts and may filter by
 * status): staff replies bypass the cache entirely and are marked `no-store`.
 *
 * Every cached reply carries a strong ETag (a hash of the body, so all instances agree on it)
 * and `Cache-Control: no-cache`: clients keep the body but revalidate each time, and a matching
 * `If-None-Match` gets `304` with no body.
 *
 * Each entry is also kept gzipped (compressed once when built, not per request): pushed links
 * are opened on phones over mobile networks, and a list page shrinks to about a fifth. Clients
 * that send `Accept-Encoding: gzip` (browsers, WeChat's web view) get that copy, with its own
 * ETag since it is a different representation.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { Context } from 'koa';
import { LRUCache } from 'lru-cache';
import { SharedTokenReader } from '../db/changeTokens.js';
import { isStaff } from './auth.js';

declare module 'koa' {
  interface DefaultState {
    /** Epoch ms after which the reply being built may read differently with no write (see cacheUntil). */
    readCacheUntil?: number;
  }
}

interface Entry {
  body: Buffer;
  etag: string;
  gzipped: Buffer;
  gzipEtag: string;
  /** The tokens read before the body was built. */
  tokens: string;
  /** Epoch ms (api clock) after which the entry is not served. */
  until: number;
}

/** Bounds: entries are whole list pages (tens of kB); 32 MiB holds the hot set many times over. */
const MAX_ENTRIES = 2000;
const MAX_BYTES = 32 * 2 ** 20;
/** Safety net for writes that bypass mongoose (mongosh, a restore) and so do not move tokens. */
const MAX_AGE_MS = 5 * 60_000;

/**
 * Notes that the reply being built depends on the clock and may read differently from `at` on
 * (e.g. an event's sign-up opens or closes): a cached copy is not served from then on.
 */
export function cacheUntil(ctx: Context, at: Date | number): void {
  const t = typeof at === 'number' ? at : at.getTime();
  if (t > ctx.deps.now().getTime()) ctx.state.readCacheUntil = Math.min(ctx.state.readCacheUntil ?? Infinity, t);
}

/** Path plus query with its parameters sorted: `?b=1&a=2` and `?a=2&b=1` are one entry. */
function keyOf(ctx: Context): string {
  const query = new URLSearchParams(ctx.querystring);
  query.sort();
  return `${ctx.path}?${query.toString()}`;
}

/** Weak comparison, as RFC 9110 asks for If-None-Match; `*` matches any current reply. */
function matches(ifNoneMatch: string, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

export class ReadCache {
  private entries = new LRUCache<string, Entry>({
    max: MAX_ENTRIES,
    maxSize: MAX_BYTES,
    sizeCalculation: (e, key) => e.body.length + e.gzipped.length + key.length,
  });
  /** Builds under way, by key and tokens: a burst of misses for one page runs its queries once. */
  private building = new Map<string, Promise<Entry>>();
  private tokens: SharedTokenReader | null = null;

  /** `tracked`: every collection any cached route depends on (all read in one query). */
  constructor(private readonly tracked: readonly string[]) {}

  /**
   * Answers `ctx` for a cacheable route whose body depends on `collections`; `produce` runs the
   * route's handler and returns the body. Returns false (and does nothing) for staff callers.
   */
  async serve(ctx: Context, collections: readonly string[], produce: () => Promise<unknown>): Promise<boolean> {
    if (isStaff(ctx)) {
      ctx.set('Cache-Control', 'private, no-store');
      return false;
    }
    const key = keyOf(ctx);
    // Tokens first, then the data: a write that finishes after this read moves a token and so
    // retires whatever is built now; one that finished before is in the data.
    this.tokens ??= new SharedTokenReader(ctx.deps.models.conn, this.tracked);
    const current = await this.tokens.read();
    const tokens = collections.map((c) => current.get(c) ?? '').join(',');
    const now = ctx.deps.now().getTime();
    let entry = this.entries.get(key);
    if (!entry || entry.tokens !== tokens || entry.until <= now) entry = await this.build(ctx, key, tokens, produce);

    const gzip = ctx.acceptsEncodings('gzip', 'identity') === 'gzip';
    ctx.set('Cache-Control', 'no-cache');
    ctx.vary('Authorization');
    ctx.vary('Accept-Encoding');
    ctx.set('ETag', gzip ? entry.gzipEtag : entry.etag);
    // Either ETag names the same content, so either revalidates the reply.
    const ifNoneMatch = ctx.get('If-None-Match');
    if (matches(ifNoneMatch, entry.etag) || matches(ifNoneMatch, entry.gzipEtag)) {
      ctx.status = 304;
      return true;
    }
    ctx.status = 200;
    ctx.body = gzip ? entry.gzipped : entry.body;
    ctx.type = 'application/json; charset=utf-8';
    if (gzip) ctx.set('Content-Encoding', 'gzip');
    return true;
  }

  private build(ctx: Context, key: string, tokens: string, produce: () => Promise<unknown>): Promise<Entry> {
    const id = `${key}\n${tokens}`;
    const running = this.building.get(id);
    if (running) return running;
    const promise = (async () => {
      try {
        const body = Buffer.from(JSON.stringify(await produce()));
        const hash = createHash('sha256').update(body).digest('base64url').slice(0, 27);
        const until = Math.min(ctx.deps.now().getTime() + MAX_AGE_MS, ctx.state.readCacheUntil ?? Infinity);
        const entry: Entry = { body, etag: `"${hash}"`, gzipped: gzipSync(body), gzipEtag: `"${hash}-gz"`, tokens, until };
        this.entries.set(key, entry);
        return entry;
      } finally {
        this.building.delete(id);
      }
    })();
    this.building.set(id, promise);
    return promise;
  }
}
