import { useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api, ApiError, type Page } from '../../../lib/api';
import { formatTime, regionName, topicLabel } from '../../../lib/format';
import { go } from '../../../lib/routes';
import { PageState } from '../../../components/PageState';
import { ActionButton } from '../../../components/ActionButton';
import { StatusTag } from '../../../components/StatusTag';
import { FilterTabs } from '../FilterTabs';
import { confirm, toast } from '../nav';
import { PageHeader } from '../PageHeader';
import { usePaged } from '../usePaged';
import { CONTENT_STATUS_LABELS, contentStatusLabel } from '../../labels';
import type { ContentStatus } from '../../types';
import { LoadMore } from '../../../components/browse/LoadMore';

const TABS = (Object.keys(CONTENT_STATUS_LABELS) as ContentStatus[]).map((s) => ({ value: s, label: CONTENT_STATUS_LABELS[s] }));
const isStatus = (s: string | undefined): s is ContentStatus => !!s && s in CONTENT_STATUS_LABELS;

/** What a row shows of a policy or a program. */
export interface ContentRowItem {
  id: string;
  status: ContentStatus;
  regions: string[];
  topics: string[];
}

interface Props<T extends ContentRowItem> {
  segment: 'policies' | 'programs';
  /** 政策 / 支持计划 */
  noun: string;
  editPath: string;
  title: (item: T) => string;
  /** A second line: 发布日期 or 申报截止. */
  meta: (item: T) => string;
}

/** The organizer's list of policies or programs by status, with 新建, 编辑, 发布 (after review) and 归档. */
export function ContentList<T extends ContentRowItem>({ segment, noun, editPath, title, meta }: Props<T>) {
  const { params } = useRouter();
  const [status, setStatus] = useState<ContentStatus>(isStatus(params.status) ? params.status : 'published');
  const [busyId, setBusyId] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const list = usePaged((page) => api.get<Page<T>>(`/${segment}`, { status, page, pageSize: 20 }), [status]);

  async function archive(item: T) {
    if (!(await confirm(`归档${noun}`, `归档后「${title(item)}」不再对用户展示，确定归档？`))) return;
    setBusyId(item.id);
    setActionError(null);
    try {
      await api.post(`/${segment}/${item.id}/archive`);
      toast('已归档');
      list.reload();
    } catch (err) {
      setActionError(err instanceof ApiError ? err.message : '操作失败，请稍后重试');
    } finally {
      setBusyId(null);
    }
  }

  return (
    <>
      <PageHeader title={`${noun}管理`} sub={list.data ? `共 ${list.data.total} 条` : undefined}>
        <ActionButton size="small" onClick={() => go(editPath)}>
          新建{noun}
        </ActionButton>
      </PageHeader>
      <FilterTabs label={`${noun}状态`} tabs={TABS} value={status} onChange={(s) => setStatus(s as ContentStatus)} />
      {actionError ? (
        <View className="org-banner" role="alert">
          {actionError}
        </View>
      ) : null}
      <PageState
        {...list}
        onRetry={list.reload}
        isEmpty={(d) => d.items.length === 0}
        emptyText={`暂无${CONTENT_STATUS_LABELS[status]}的${noun}`}
      >
        {(data) => (
          <View className="section">
            {data.items.map((item) => (
              <View key={item.id} className="org-row">
                <View className="org-row__head">
                  <View className="card__title">{title(item)}</View>
                  <StatusTag status={item.status}>{contentStatusLabel(item.status)}</StatusTag>
                </View>
                <View className="card__meta">{meta(item)}</View>
                <View className="card__meta">
                  {item.regions.map(regionName).join('、') || '未设地区'} · {item.topics.map(topicLabel).join('、') || '未设主题'}
                </View>
                <View className="org-row__actions">
                  {/* Publishing goes through the editor, which shows who will receive it first. */}
                  <ActionButton size="small" fill="outline" onClick={() => go(editPath, { id: item.id })}>
                    {item.status === 'draft' ? '编辑并发布' : '编辑'}
                  </ActionButton>
                  {item.status === 'published' ? (
                    <ActionButton
                      size="small"
                      type="default"
                      fill="outline"
                      loading={busyId === item.id}
                      onClick={() => void archive(item)}
                    >
                      归档
                    </ActionButton>
                  ) : null}
                </View>
              </View>
            ))}
            <LoadMore hasMore={list.hasMore} loading={list.loading} count={list.data?.items.length ?? 0} onLoad={list.loadMore} />
          </View>
        )}
      </PageState>
    </>
  );
}

export const dateOrDash = (label: string, iso: string | null) => `${label}：${iso ? formatTime(iso) : '—'}`;
