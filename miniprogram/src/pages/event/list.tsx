import { useState } from 'react';
import { View } from '@tarojs/components';
import { stopPullDownRefresh, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { PageState } from '../../components/PageState';
import { StatusTag } from '../../components/StatusTag';
import { FilterChips } from '../../components/browse/FilterChips';
import { LoadMore } from '../../components/browse/LoadMore';
import { KIND_OPTIONS, PROVINCE_OPTIONS, regionQuery } from '../../lib/browse/facets';
import { placeOf } from '../../lib/browse/eventState';
import { usePagedList } from '../../lib/browse/usePagedList';
import { eventKindLabel, formatTime } from '../../lib/format';
import { go, PAGES } from '../../lib/routes';
import type { EventItem } from '../../lib/types';

// Upcoming events, soonest first: the api sorts by start time and `from` drops those that have started.
export default function EventList() {
  const [kind, setKind] = useState('');
  const [region, setRegion] = useState('');
  // Fixed when the page opens: a `from` that changed on every render would reload the list endlessly.
  const [openedAt] = useState(() => new Date().toISOString());
  const list = usePagedList<EventItem>('/events', { from: openedAt, kind: kind || undefined, regions: regionQuery(region) });
  usePullDownRefresh(() => {
    void list.reload().finally(() => void stopPullDownRefresh());
  });
  useReachBottom(list.loadMore);

  return (
    <View className="event-list">
      <View className="browse-filters">
        <FilterChips label="类型" options={KIND_OPTIONS} value={kind} onChange={setKind} />
        <FilterChips label="省份" options={PROVINCE_OPTIONS} value={region} onChange={setRegion} />
      </View>
      <PageState
        loading={list.loading}
        error={list.error}
        data={list.items}
        isEmpty={(items) => items.length === 0}
        emptyText="暂无近期活动"
        onRetry={() => void list.reload()}
      >
        {(items) => (
          <View className="section">
            <View className="list-total muted">共 {list.total} 场活动</View>
            {items.map((e) => (
              <View key={e.id} className="card event-card" onClick={() => go(PAGES.eventDetail, { id: e.id })}>
                <View className="card__head">
                  <View className="tag tag--brand event-card__kind">{eventKindLabel(e.kind)}</View>
                  {e.availability ? (
                    <StatusTag status={e.availability.state} className="event-card__availability">
                      {e.availability.label}
                    </StatusTag>
                  ) : null}
                </View>
                <View className="card__title">{e.title}</View>
                <View className="card__meta">
                  {formatTime(e.startsAt)} · {placeOf(e)}
                </View>
              </View>
            ))}
            <LoadMore hasMore={list.hasMore} loading={list.loadingMore} count={items.length} onLoad={list.loadMore} />
          </View>
        )}
      </PageState>
    </View>
  );
}
