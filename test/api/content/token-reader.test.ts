/**
 * SharedTokenReader (api/src/db/changeTokens.ts) shares one `meta` query among callers that arrive
 * together, but never hands a caller a read sent before it arrived: that read could predate a write
 * which finished just before the caller came. A fake connection makes the timing deterministic.
 */
import { test } from '@jest/globals';
import assert from 'node:assert/strict';
import type { Connection } from 'mongoose';
import { SharedTokenReader } from '../../../api/src/db/changeTokens.js';

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
