import { useState } from 'react';
import type { Page } from '../../lib/api';
import { useLoad, type Loaded } from '../../lib/useLoad';

export interface Paged<T> extends Loaded<{ items: T[]; total: number }> {
  hasMore: boolean;
  loadMore: () => void;
}

/**
 * A list read page by page with "加载更多". Every reload (coming back to the page, an action on a row) reads
 * the pages already shown again, so a row that changed status moves or updates in place. Changing `deps`
 * (a filter) starts again from page 1.
 */
export function usePaged<T>(load: (page: number) => Promise<Page<T>>, deps: unknown[]): Paged<T> {
  const key = JSON.stringify(deps);
  const [more, setMore] = useState({ key, pages: 1 });
  const pages = more.key === key ? more.pages : 1;
  const loaded = useLoad(async () => {
    const results = await Promise.all(Array.from({ length: pages }, (_, i) => load(i + 1)));
    return { items: results.flatMap((r) => r.items), total: results[0]?.total ?? 0 };
  }, [key, pages]);
  const shown = loaded.data?.items.length ?? 0;
  return {
    ...loaded,
    hasMore: !!loaded.data && shown < loaded.data.total,
    loadMore: () => setMore({ key, pages: pages + 1 }),
  };
}
