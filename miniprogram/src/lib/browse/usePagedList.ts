import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { api, ApiError, type Page } from '../api';

export type ListQuery = Record<string, string | number | undefined>;

export interface PagedList<T> {
  /** Undefined until the first page arrives (and again while a new filter loads). */
  items: T[] | undefined;
  total: number;
  loading: boolean;
  loadingMore: boolean;
  error: string | null;
  hasMore: boolean;
  loadMore: () => void;
  /** Load page 1 again, keeping the current items on screen until it arrives (pull-down refresh, retry). */
  reload: () => Promise<void>;
}

const messageOf = (e: unknown) => (e instanceof ApiError ? e.message : '加载失败，请稍后重试');

/**
 * A public list read page by page ("加载更多" / reaching the bottom). A new `query` starts over from page 1
 * and clears the list, so stale items never show under a new filter; a response that arrives after the
 * filter changed again is dropped.
 */
export function usePagedList<T extends { id: string }>(path: string, query: ListQuery, pageSize = 20): PagedList<T> {
  // The query object is rebuilt on every render; its JSON is the stable identity of the filter.
  const key = JSON.stringify(query);
  const [items, setItems] = useState<T[]>();
  const [total, setTotal] = useState(0);
  const [page, setPage] = useState(1);
  const [exhausted, setExhausted] = useState(false);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const busy = useRef(false);

  const fetchPage = useCallback(
    (n: number) => api.get<Page<T>>(path, { ...(JSON.parse(key) as ListQuery), page: n, pageSize }, { auth: false }),
    [path, key, pageSize],
  );

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    setError(null);
    try {
      const res = await fetchPage(1);
      if (mine !== seq.current) return;
      setItems(res.items);
      setTotal(res.total);
      setPage(1);
      setExhausted(res.items.length === 0);
    } catch (e) {
      if (mine === seq.current) setError(messageOf(e));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [fetchPage]);

  useEffect(() => {
    setItems(undefined);
    void reload();
  }, [reload]);

  const hasMore = !!items && !exhausted && items.length < total;

  const loadMore = useCallback(() => {
    if (busy.current || !hasMore) return;
    busy.current = true;
    setLoadingMore(true);
    const mine = seq.current;
    fetchPage(page + 1)
      .then((res) => {
        if (mine !== seq.current) return;
        // Items published between two pages shift the offsets; skip any we already show.
        setItems((prev) => {
          const seen = new Set((prev ?? []).map((i) => i.id));
          return [...(prev ?? []), ...res.items.filter((i) => !seen.has(i.id))];
        });
        setTotal(res.total);
        setPage(res.page);
        if (res.items.length === 0) setExhausted(true);
      })
      .catch((e: unknown) => {
        if (mine === seq.current) void Taro.showToast({ title: messageOf(e), icon: 'none' });
      })
      .finally(() => {
        busy.current = false;
        setLoadingMore(false);
      });
  }, [fetchPage, hasMore, page]);

  return { items, total, loading, loadingMore, error, hasMore, loadMore, reload };
}
