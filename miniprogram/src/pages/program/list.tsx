import { useState } from 'react';
import { View } from '@tarojs/components';
import { stopPullDownRefresh, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { PageState } from '../../components/PageState';
import { StatusTag } from '../../components/StatusTag';
import { FacetTags } from '../../components/FacetTags';
import { FacetFilters } from '../../components/browse/FacetFilters';
import { FilterChips } from '../../components/browse/FilterChips';
import { LoadMore } from '../../components/browse/LoadMore';
import { EMPTY_FILTER, facetQuery, type FacetFilter } from '../../lib/browse/facets';
import { windowState } from '../../lib/browse/time';
import { usePagedList } from '../../lib/browse/usePagedList';
import { useNow } from '../../lib/browse/useNow';
import { go, PAGES } from '../../lib/routes';
import type { Program } from '../../lib/types';

const SCOPE_OPTIONS = [
  { value: 'open', label: '可申报' },
  { value: 'all', label: '全部' },
];

// Program list, nearest deadline first (the api's order). "可申报" asks for deadlines still ahead (`from` is
// matched against applicationClosesAt); "全部" includes programs that have closed.
export default function ProgramList() {
  const [filter, setFilter] = useState<FacetFilter>(EMPTY_FILTER);
  const [scope, setScope] = useState('open');
  // Fixed when the page opens: a `from` that changed on every render would reload the list endlessly.
  const [openedAt] = useState(() => new Date().toISOString());
  const list = usePagedList<Program>('/programs', {
    ...facetQuery(filter),
    from: scope === 'open' ? openedAt : undefined,
  });
  const now = useNow();
  usePullDownRefresh(() => {
    void list.reload().finally(() => void stopPullDownRefresh());
  });
  useReachBottom(list.loadMore);

  return (
    <View className="program-list">
      <FacetFilters value={filter} onChange={setFilter} searchLabel="搜索项目" placeholder="搜索项目名称、代号或发布机构">
        <FilterChips label="状态" options={SCOPE_OPTIONS} value={scope} onChange={setScope} allLabel={null} />
      </FacetFilters>
      <PageState
        loading={list.loading}
        error={list.error}
        data={list.items}
        isEmpty={(items) => items.length === 0}
        emptyText={scope === 'open' ? '暂无可申报的项目' : '没有符合条件的项目'}
        onRetry={() => void list.reload()}
      >
        {(items) => (
          <View className="section">
            <View className="list-total muted">共 {list.total} 个项目</View>
            {items.map((p) => {
              const w = windowState(p.applicationOpensAt, p.applicationClosesAt, now);
              return (
                <View key={p.id} className="card program-card" onClick={() => go(PAGES.programDetail, { id: p.id })}>
                  <View className="card__title">{p.name}</View>
                  <View className="card__meta">{p.issuer ?? p.summary}</View>
                  <View className="card__status">
                    <StatusTag status={w.state} className="program-card__window">
                      {w.text}
                    </StatusTag>
                  </View>
                  <FacetTags regions={p.regions} topics={p.topics} audiences={p.audiences} />
                </View>
              );
            })}
            <LoadMore hasMore={list.hasMore} loading={list.loadingMore} count={items.length} onLoad={list.loadMore} />
          </View>
        )}
      </PageState>
    </View>
  );
}
