/**
 * The api's side of deliveries (api/src/broadcasts/claimer.ts), reduced to what the queue relies
 * on: units handed out in order under a lease; an ok result closes a unit; a failed or `notSent`
 * one puts it back; a rate-limited one also pauses the account's claims; a lease that lapses makes
 * the unit "abandoned" (the real api marks it failed with an unknown outcome and never resends it,
 * so a correct bot never lets that happen).
 */
import type { SendUnit } from '@techbridge/shared';
import type { Route } from './fakeApi.js';

export interface StoredUnit {
  unitId: string;
  roomId: string;
  text: string;
  card?: { title: string; description: string; url: string };
}

export interface DeliveryStore {
  add(...units: StoredUnit[]): void;
  /** Routes for /deliveries/claim and /deliveries/result. */
  routes: Record<string, Route>;
  /** How many ok results each unit got. */
  sentCount(unitId: string): number;
  /** Every result body, in order. */
  results: any[];
  /** Units neither sent nor abandoned. */
  open(): StoredUnit[];
  /** Units whose lease lapsed without a result. */
  abandoned(): string[];
}

export function deliveryStore(initial: StoredUnit[] = [], options: { rateLimitPauseMs?: number } = {}): DeliveryStore {
  type Row = StoredUnit & { leasedUntil: number | null; attempt: number; state: 'pending' | 'sending' | 'sent' | 'abandoned' };
  const rows: Row[] = [];
  const sent = new Map<string, number>();
  const results: any[] = [];
  let pausedUntil = 0;
  const byDelivery = (id: string) => rows.find((u) => `d-${u.unitId}` === id);
  const expire = (now: number) => {
    for (const r of rows) if (r.state === 'sending' && r.leasedUntil !== null && r.leasedUntil < now) r.state = 'abandoned';
  };
  const store: DeliveryStore = {
    add(...more) {
      rows.push(...more.map((u) => ({ ...u, leasedUntil: null, attempt: 0, state: 'pending' as const })));
    },
    routes: {
      '/deliveries/claim': (body) => {
        const now = Date.now();
        if (pausedUntil > now) return { units: [], paused: true };
        expire(now);
        const due = rows.filter((u) => u.state === 'pending').slice(0, body.limit);
        const handed: SendUnit[] = due.map((u) => {
          u.state = 'sending';
          u.leasedUntil = now + body.leaseSeconds * 1000;
          u.attempt++;
          const card = u.card ? { card: u.card } : {};
          return {
            unitId: u.unitId,
            deliveryIds: [`d-${u.unitId}`],
            roomId: u.roomId,
            text: u.text,
            ...card,
            attempt: u.attempt,
          };
        });
        return { units: handed, paused: false };
      },
      '/deliveries/result': (body) => {
        results.push(body);
        expire(Date.now());
        if (body.rateLimited) pausedUntil = Date.now() + (options.rateLimitPauseMs ?? 0);
        for (const id of body.deliveryIds as string[]) {
          const row = byDelivery(id);
          if (!row || row.state !== 'sending') continue;
          row.leasedUntil = null;
          if (body.ok) {
            row.state = 'sent';
            sent.set(row.unitId, (sent.get(row.unitId) ?? 0) + 1);
          } else {
            row.state = 'pending';
          }
        }
        return { ok: true };
      },
    },
    sentCount: (unitId) => sent.get(unitId) ?? 0,
    results,
    open: () => rows.filter((u) => u.state === 'pending' || u.state === 'sending'),
    abandoned: () => rows.filter((u) => u.state === 'abandoned').map((u) => u.unitId),
  };
  store.add(...initial);
  return store;
}
