import { useCallback, useEffect, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import { ApiError } from './api';

export interface Loaded<T> {
  data: T | undefined;
  loading: boolean;
  error: string | null;
  reload: () => void;
}

/**
 * Load data for a page: on mount, again whenever the page is shown (coming back from a form), and on demand.
 * `deps` re-run it (filters). Errors become the api's Chinese message.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[] = []): Loaded<T> {
  const [data, setData] = useState<T>();
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const mounted = useRef(false);

  const run = useCallback(() => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    load()
      .then((value) => {
        if (mine === seq.current) setData(value);
      })
      .catch((e: unknown) => {
        if (mine === seq.current) setError(e instanceof ApiError ? e.message : '加载失败，请稍后重试');
      })
      .finally(() => {
        if (mine === seq.current) setLoading(false);
      });
    // The caller names what `load` depends on, as with useEffect.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);

  useEffect(run, [run]);
  useDidShow(() => {
    // The first show coincides with mount; later shows mean the user came back and data may have changed.
    if (mounted.current) run();
    mounted.current = true;
  });

  return { data, loading, error, reload: run };
}
