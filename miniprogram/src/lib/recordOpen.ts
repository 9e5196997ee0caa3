import Taro from '@tarojs/taro';
import { useEffect } from 'react';
import type { OpenInput } from '@techbridge/shared';
import { api } from './api';

const VISITOR_KEY = 'techbridge.visitor';

/**
 * A random id this device keeps so an anonymous visitor's opens count once per link (the api uses the
 * user id instead when signed in). Nothing else about the device is sent: no address, no user agent.
 */
function visitorId(): string {
  try {
    const kept = Taro.getStorageSync(VISITOR_KEY) as string;
    if (typeof kept === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(kept)) return kept;
  } catch {
    /* storage unavailable: a fresh id for this page only */
  }
  let id = '';
  while (id.length < 32) id += Math.random().toString(36).slice(2);
  id = id.slice(0, 32);
  try {
    Taro.setStorageSync(VISITOR_KEY, id);
  } catch {
    /* counted again next time: better than not counting */
  }
  return id;
}

/**
 * Tells the api a detail page was opened from a pushed link (`?t=`), once per page load. Best effort: a
 * failure never shows, and never sends the visitor to the login page.
 */
export function useRecordOpen(kind: OpenInput['page']['kind'], id: string | undefined, t: string | undefined): void {
  useEffect(() => {
    if (!id || !t) return;
    const body: OpenInput = { t, page: { kind, id }, visitor: visitorId() };
    api.post('/opens', body, { redirectOn401: false }).catch(() => undefined);
  }, [kind, id, t]);
}
