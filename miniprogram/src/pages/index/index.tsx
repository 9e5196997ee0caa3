import { Text, View } from '@tarojs/components';
import { usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro';
import { api, type Page } from '../../lib/api';
import { formatTime, eventKindLabel } from '../../lib/format';
import { placeOf } from '../../lib/browse/eventState';
import { windowState } from '../../lib/browse/time';
import { useNow } from '../../lib/browse/useNow';
import { go, PAGES } from '../../lib/routes';
import type { EventItem, Policy, Program } from '../../lib/types';
import { useLoad } from '../../lib/useLoad';
import { PageState } from '../../components/PageState';
import { StatusTag } from '../../components/StatusTag';
import { fromThisMinute } from '../../lib/prefetch';

interface Home {
  policies: Policy[];
  events: EventItem[];
  programs: Program[];
}

// Home: the three things a user opens the app for, each with a way into its full list.
async function loadHome(): Promise<Home> {
  // `from` filters events by start time and programs by application deadline (still ahead of us); per minute, so
  // index.html can prefetch these and the api's read cache serves them to everyone arriving in that minute.
  const now = fromThisMinute();
  const [policies, events, programs] = await Promise.all([
    api.get<Page<Policy>>('/policies', { pageSize: 5 }, { auth: false }),
    api.get<Page<EventItem>>('/events', { from: now, pageSize: 5 }, { auth: false }),
    api.get<Page<Program>>('/programs', { from: now, pageSize: 5 }, { auth: false }),
  ]);
  return { policies: policies.items, events: events.items, programs: programs.items };
}

export default function Index() {
  const home = useLoad(loadHome);
  const now = useNow();
  usePullDownRefresh(() => {
    home.reload();
    void stopPullDownRefresh();
  });

  return (
    <View className="home">
      <PageState {...home} onRetry={home.reload}>
        {(data) => (
          <>
            <View className="section">
              <View className="section__title">
                <Text>最新政策</Text>
                <Text className="link" onClick={() => go(PAGES.policyList)}>
                  全部 ›
                </Text>
              </View>
              {data.policies.length === 0 ? <Text className="muted">暂无政策</Text> : null}
              {data.policies.map((p) => (
                <View key={p.id} className="card" onClick={() => go(PAGES.policyDetail, { id: p.id })}>
                  <View className="card__title">{p.title}</View>
                  <View className="card__meta">
                    {p.issuer ?? '—'} · {formatTime(p.publishedAt)}
                  </View>
                </View>
              ))}
            </View>

            <View className="section">
              <View className="section__title">
                <Text>近期活动</Text>
                <Text className="link" onClick={() => go(PAGES.eventList)}>
                  全部 ›
                </Text>
              </View>
              {data.events.length === 0 ? <Text className="muted">暂无近期活动</Text> : null}
              {data.events.map((e) => (
                <View key={e.id} className="card" onClick={() => go(PAGES.eventDetail, { id: e.id })}>
                  <View className="card__title">
                    【{eventKindLabel(e.kind)}】{e.title}
                  </View>
                  <View className="card__meta">
                    {formatTime(e.startsAt)} · {placeOf(e)}
                  </View>
                  {e.availability ? (
                    <View className="card__status">
                      <StatusTag status={e.availability.state}>{e.availability.label}</StatusTag>
                    </View>
                  ) : null}
                </View>
              ))}
            </View>

            <View className="section">
              <View className="section__title">
                <Text>正在申报的项目</Text>
                <Text className="link" onClick={() => go(PAGES.programList)}>
                  全部 ›
                </Text>
              </View>
              {data.programs.length === 0 ? <Text className="muted">暂无开放申报的项目</Text> : null}
              {data.programs.map((p) => {
                // The same reading of the window as the 项目 tab (尚未开始 / 距截止还有… / 长期开放 / 已截止).
                const w = windowState(p.applicationOpensAt, p.applicationClosesAt, now);
                return (
                  <View key={p.id} className="card home-program" onClick={() => go(PAGES.programDetail, { id: p.id })}>
                    <View className="card__title">{p.name}</View>
                    <View className="card__status">
                      <StatusTag status={w.state} className="home-program__window">
                        {w.text}
                      </StatusTag>
                    </View>
                  </View>
                );
              })}
            </View>
          </>
        )}
      </PageState>
    </View>
  );
}
