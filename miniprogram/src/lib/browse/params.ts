import { useEffect, useState } from 'react';
import { useRouter } from '@tarojs/taro';

const IS_H5 = process.env.TARO_ENV === 'h5';

// Page params arrive undecoded on both targets (Taro's H5 router parses with `decode: false`, WeChat hands
// over the raw query), so decode once here; a malformed escape is kept as it is rather than throwing.
function decode(value: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

// Same rule as the registration schema's `source`: a malformed code would make the sign-up fail with a 400.
const TRACKING_CODE = /^[A-Za-z0-9_-]{1,64}$/;

export interface DetailParams {
  /** The item id (`?id=`), if any. */
  id: string | undefined;
  /** The tracking code of the pushed link the user came from (`?t=`), if it is well formed. */
  t: string | undefined;
}

/**
 * H5: the query of the current hash URL when it points at this same page, else null. Taro's router keeps the
 * page instance when only the query changes (`#/pages/event/detail?id=A` → `?id=B`, edited by hand or by a
 * link), and `useRouter()` keeps answering with the first query; the hash is what the user now looks at.
 * Values stay undecoded, like the router's.
 */
function hashParams(pagePath: string): Record<string, string> | null {
  const hash = window.location.hash.replace(/^#/, '');
  const cut = hash.indexOf('?');
  const path = cut < 0 ? hash : hash.slice(0, cut);
  if (path !== pagePath.split('?')[0]) return null;
  const params: Record<string, string> = {};
  for (const pair of (cut < 0 ? '' : hash.slice(cut + 1)).split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    params[eq < 0 ? pair : pair.slice(0, eq)] = eq < 0 ? '' : pair.slice(eq + 1);
  }
  return params;
}

/** Re-renders the caller when the H5 hash changes; does nothing on weapp. */
function useHashChange(): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!IS_H5) return undefined;
    const onChange = () => setTick((n) => n + 1);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
}

/** `id` and `t` of a detail page, read the same way on weapp and on an H5 hard reload of a hash URL. */
export function useDetailParams(): DetailParams {
  const router = useRouter();
  useHashChange();
  const params = (IS_H5 ? hashParams(router.path) : null) ?? router.params;
  const t = decode(params.t);
  return { id: decode(params.id), t: t && TRACKING_CODE.test(t) ? t : undefined };
}
