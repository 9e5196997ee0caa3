import { useState } from 'react';
import { View } from '@tarojs/components';
import { stopPullDownRefresh, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { PageState } from '../../components/PageState';
import { FacetTags } from '../../components/FacetTags';
import { FacetFilters } from '../../components/browse/FacetFilters';
import { LoadMore } from '../../components/browse/LoadMore';
import { EMPTY_FILTER, facetQuery, type FacetFilter } from '../../lib/browse/facets';
import { formatDate } from '../../lib/browse/time';
import { usePagedList } from '../../lib/browse/usePagedList';
import { go, PAGES } from '../../lib/routes';
import type { Policy } from '../../lib/types';

// Policy list: newest first (the api's order), filtered by 省份 / 主题 / 对象 and free text.
export default function PolicyList() {
  const [filter, setFilter] = useState<FacetFilter>(EMPTY_FILTER);
  const list = usePagedList<Policy>('/policies', facetQuery(filter));
  usePullDownRefresh(() => {
    void list.reload().finally(() => void stopPullDownRefresh());
  });
  useReachBottom(list.loadMore);

  return (
    <View className="policy-list">
      <FacetFilters value={filter} onChange={setFilter} searchLabel="搜索政策" placeholder="搜索政策标题、文号或发布机构" />
      <PageState
        loading={list.loading}
        error={list.error}
        data={list.items}
        isEmpty={(items) => items.length === 0}
        emptyText="没有符合条件的政策"
        onRetry={() => void list.reload()}
      >
        {(items) => (
          <View className="section">
            <View className="list-total muted">共 {list.total} 条政策</View>
            {items.map((p) => (
              <View key={p.id} className="card policy-card" onClick={() => go(PAGES.policyDetail, { id: p.id })}>
                <View className="card__title">{p.title}</View>
                <View className="card__meta">
                  {p.issuer ?? '—'} · {formatDate(p.publishedAt)}
                </View>
                <FacetTags regions={p.regions} topics={p.topics} audiences={p.audiences} />
              </View>
            ))}
            <LoadMore hasMore={list.hasMore} loading={list.loadingMore} count={items.length} onLoad={list.loadMore} />
          </View>
        )}
      </PageState>
    </View>
  );
}
