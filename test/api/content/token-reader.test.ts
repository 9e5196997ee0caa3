/**
 * SharedTokenReader (api/src/db/changeTokens.ts) shares one `meta` query among callers that arrive
 * together, but never hands a caller a read sent before it arrived: that read could predate a write
 * which finished just before the caller came. A fake connection makes the timing deterministic.
 */
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Connection } from 'mongoose';
import { SharedRun, SharedTokenReader } from '../../../api/src/db/changeTokens.js';

/** A `meta` collection whose queries see the token at the moment they are sent and answer on release(). */
function fakeMeta() {
  const state = { token: 'v1', sent: 0 };
  const pending: (() => void)[] = [];
  const conn = {
    collection: () => ({
      find: () => ({
        toArray: () => {
          state.sent++;
          const seen = state.token;
          return new Promise((resolve) => pending.push(() => resolve([{ _id: 'events', v: seen }])));
        },
      }),
    }),
  } as unknown as Connection;
  const release = async () => {
    pending.shift()!();
    for (let i = 0; i < 5; i++) await Promise.resolve(); // let the reader chain the next query
  };
  return { conn, state, release };
}

test('a caller arriving during a read gets the next read, shared with everyone else who queued', async () => {
  const meta = fakeMeta();
  const reader = new SharedTokenReader(meta.conn, ['events']);
  const first = reader.read();
  meta.state.token = 'v2'; // a write finishes while the first query is in flight
  const late = [reader.read(), reader.read(), reader.read()];
  await meta.release();
  assert.equal((await first).get('events'), 'v1');
  await meta.release();
  for (const r of late) assert.equal((await r).get('events'), 'v2', 'never the read sent before the caller came');
  assert.equal(meta.state.sent, 2, 'three late callers, one query');
});

test('with no read in flight a caller starts its own', async () => {
  const meta = fakeMeta();
  const reader = new SharedTokenReader(meta.conn, ['events']);
  const one = reader.read();
  await meta.release();
  assert.equal((await one).get('events'), 'v1');
  meta.state.token = 'v3';
  const two = reader.read();
  await meta.release();
  assert.equal((await two).get('events'), 'v3');
  assert.equal(meta.state.sent, 2);
});

test('token moves are shared too: a writer is only ever covered by a move that started after it asked', async () => {
  // SharedRun is what both the reader and the writers' token moves use (changeTokens.ts).
  const started: number[] = [];
  const finish: (() => void)[] = [];
  let clock = 0;
  const move = new SharedRun(
    () =>
      new Promise<number>((resolve) => {
        const at = ++clock;
        started.push(at);
        finish.push(() => resolve(at));
      }),
  );
  const settle = async () => {
    finish.shift()!();
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const firstWriter = move.run(); // move 1 starts
  const askedAt = clock;
  const storm = Array.from({ length: 50 }, () => move.run()); // 50 writers finish while move 1 runs
  await settle();
  assert.equal(await firstWriter, 1);
  await settle();
  for (const covered of storm) assert.ok((await covered) > askedAt, 'covered by a move started after the write');
  assert.equal(started.length, 2, '51 writers, 2 moves');
  const rejected = new SharedRun(() => Promise.reject(new Error('database down')));
  await assert.rejects(rejected.run(), /database down/, 'a failed move fails the writers waiting on it');
  await assert.rejects(rejected.run(), /database down/, 'and the next writer tries again');
});
