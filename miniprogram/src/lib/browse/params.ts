import { useRouter } from '@tarojs/taro';

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

/** `id` and `t` of a detail page, read the same way on weapp and on an H5 hard reload of a hash URL. */
export function useDetailParams(): DetailParams {
  const { params } = useRouter();
  const t = decode(params.t);
  return { id: decode(params.id), t: t && TRACKING_CODE.test(t) ? t : undefined };
}
