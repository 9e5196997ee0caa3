/**
 * Change tokens: a cheap "has this collection changed?" check that every api instance can make
 * against the shared database, so per-instance caches stay correct behind a load balancer.
 *
 * Each tracked collection has a document `meta/<collection name>` whose `v` is a fresh random
 * token, rewritten by mongoose hooks after every write to that collection, whichever instance or
 * code path made it. A reader remembers the token it saw before reading the data; if the token is
 * still the same later, no write has finished in between and whatever it derived is still current.
 *
 * Why a random value and not a counter: `$set` of one document is atomic in MongoDB, needs no read
 * first, and a token never repeats, so a cache can never mistake a new state for an old one (a
 * counter could, if `meta` were dropped or restored from a backup and counted up again).
 *
 * The hooks run after the write and the write's promise resolves only after them, so by the time
 * the writer's request answers, the token has moved. Writes made outside mongoose (a mongosh
 * session, a restore) do not move it: caches built on tokens also expire after a while.
 */
import { randomUUID } from 'node:crypto';
import type { Connection, Schema } from 'mongoose';

const META = 'meta';

/** One token per collection: `_id` is the collection's name, `v` a random value moved by every write. */
interface TokenDoc {
  _id: string;
  v?: string;
}

/** Query writes; each resolves only after its post hooks, so the token has moved when it returns. */
const QUERY_WRITES = [
  'updateOne',
  'updateMany',
  'findOneAndUpdate',
  'findOneAndReplace',
  'findOneAndDelete',
  'deleteOne',
  'deleteMany',
  'replaceOne',
] as const;

/**
 * Runs of one async operation shared by concurrent callers, each of whom gets a run that *started
 * after it asked*: a caller arriving while a run is in flight waits for the next one, which starts
 * as soon as the current one settles and serves everyone who queued meanwhile. Under a burst this
 * costs at most two runs at a time instead of one per caller.
 */
export class SharedRun<T> {
  private inFlight: Promise<T> | null = null;
  private queued: Promise<T> | null = null;

  constructor(private readonly operation: () => Promise<T>) {}

  run(): Promise<T> {
    if (!this.inFlight) return this.launch();
    this.queued ??= this.inFlight
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.launch();
      });
    return this.queued;
  }

  private launch(): Promise<T> {
    const started = this.operation().finally(() => {
      if (this.inFlight === started) this.inFlight = null;
    });
    this.inFlight = started;
    return started;
  }
}

/**
 * Token moves, shared per connection and collection. A writer needs a token set *after* its write
 * finished; one set by a move that started later serves every writer that finished before it. So
 * a storm of sign-ups moves the `registrations` token about once per database round trip instead
 * of once per sign-up, and the hot `meta` document stops doubling the storm's writes.
 */
const movers = new WeakMap<Connection, Map<string, SharedRun<unknown>>>();

async function bump(conn: Connection | undefined, collection: string | undefined): Promise<void> {
  if (!conn || !collection) return;
  let byCollection = movers.get(conn);
  if (!byCollection) movers.set(conn, (byCollection = new Map()));
  let mover = byCollection.get(collection);
  if (!mover) {
    mover = new SharedRun(() =>
      conn.collection<TokenDoc>(META).updateOne({ _id: collection }, { $set: { v: randomUUID() } }, { upsert: true }),
    );
    byCollection.set(collection, mover);
  }
  await mover.run();
}

/** What moving a token needs of a model: its connection and collection (hooks see models of several shapes). */
interface ModelLike {
  db?: Connection;
  collection?: { collectionName?: string };
}

/**
 * Moves the token of `model`'s collection. The hooks below call it for every mongoose write; code that writes
 * through the driver directly (`model.collection`), which mongoose hooks do not see, calls it after its write.
 * Resolves once the token has moved, like a hooked write.
 */
export function markChanged(model: ModelLike | undefined): Promise<void> {
  return bump(model?.db, model?.collection?.collectionName);
}

/**
 * True when a query write reports that it matched nothing (a conditional update that lost its race,
 * a claim on a full event): nothing changed, so caches need not be retired and no extra write is spent.
 * Results that say nothing either way (findOneAnd… returning a document) count as a change.
 */
function changedNothing(result: unknown): boolean {
  if (!result || typeof result !== 'object') return false;
  const r = result as { matchedCount?: unknown; deletedCount?: unknown; upsertedCount?: unknown };
  if (typeof r.matchedCount === 'number') return r.matchedCount === 0 && !r.upsertedCount;
  if (typeof r.deletedCount === 'number') return r.deletedCount === 0;
  return false;
}

/**
 * Hooks `schema` so that every write to its collection stores a fresh token in `meta`. The token's
 * key is the collection's name, taken from the model at write time.
 */
export function trackChanges(schema: Schema): void {
  schema.post('save', async function (this: unknown) {
    await markChanged(modelOfDocument(this));
  });
  schema.post([...QUERY_WRITES], async function (this: unknown, result: unknown) {
    if (changedNothing(result)) return;
    await markChanged((this as { model?: ModelLike }).model);
  });
  // doc.deleteOne() / doc.updateOne() are document middleware, registered apart from the query kind.
  schema.post(['deleteOne', 'updateOne'], { document: true, query: false }, async function (this: unknown) {
    await markChanged(modelOfDocument(this));
  });
  // Model-level middleware: `this` is the model itself.
  schema.post('insertMany', async function (this: unknown) {
    await markChanged(this as ModelLike);
  });
  schema.post('bulkWrite', async function (this: unknown) {
    await markChanged(this as ModelLike);
  });
}

/** Document middleware runs with the document as `this`; its model is its constructor. */
const modelOfDocument = (doc: unknown) => (doc as { constructor?: ModelLike } | undefined)?.constructor;

/** The current tokens of `collections`, by collection name, in one query by `_id`. */
async function readTokenMap(conn: Connection, collections: readonly string[]): Promise<Map<string, string>> {
  const docs = await conn
    .collection<TokenDoc>(META)
    .find({ _id: { $in: [...collections] } }, { projection: { v: 1 } })
    .toArray();
  return new Map(docs.map((d) => [d._id, d.v ?? '']));
}

/**
 * The current tokens of `collections` joined in the given order (a collection never written has
 * no token yet: an empty part). Compare the result with `===`.
 */
export async function readTokens(conn: Connection, collections: readonly string[]): Promise<string> {
  const byId = await readTokenMap(conn, collections);
  return collections.map((c) => byId.get(c) ?? '').join(',');
}

/**
 * Token reads shared by concurrent callers: under a burst of requests, one query answers all who
 * arrived while the previous one was running, instead of one query each. Each caller gets a read
 * sent after it arrived (SharedRun), so a write finished just before it arrived is never missed.
 */
export class SharedTokenReader {
  private readonly reads: SharedRun<Map<string, string>>;

  constructor(conn: Connection, collections: readonly string[]) {
    this.reads = new SharedRun(() => readTokenMap(conn, collections));
  }

  /** The tokens of every collection given at construction, by collection name. */
  read(): Promise<Map<string, string>> {
    return this.reads.run();
  }
}
