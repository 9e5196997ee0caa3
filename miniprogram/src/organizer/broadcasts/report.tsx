import { useState } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api, ApiError } from '../../lib/api';
import { useLoad } from '../../lib/useLoad';
import { PageState } from '../../components/PageState';
import { toast } from '../components/nav';
import { OrganizerGate } from '../components/OrganizerGate';
import { ActionButton } from '../../components/ActionButton';
import { PageHeader } from '../components/PageHeader';
import { cancelBroadcast } from '../components/broadcasts/cancelBroadcast';
import { PreviewPanel } from '../components/broadcasts/PreviewPanel';
import { BroadcastSummary, DeliveryReport } from '../components/broadcasts/ReportSections';
import { go, PAGES } from '../../lib/routes';
import type { Broadcast, BroadcastPreview, BroadcastReport } from '../types';

interface ReportData {
  broadcast: Broadcast;
  report: BroadcastReport;
  /** The current recipients; its own error so a failing dry run does not hide the report. */
  recipients: BroadcastPreview | { error: string };
}

async function loadReport(id: string): Promise<ReportData> {
  const [broadcast, report, recipients] = await Promise.all([
    api.get<Broadcast>(`/broadcasts/${id}`),
    api.get<BroadcastReport>(`/broadcasts/${id}/report`),
    api
      .get<BroadcastPreview>(`/broadcasts/${id}/preview`)
      .catch((e: unknown) => ({ error: e instanceof ApiError ? e.message : '加载接收群失败' })),
  ]);
  return { broadcast, report, recipients };
}

function Report({ id }: { id: string }) {
  const data = useLoad(() => loadReport(id), [id]);
  const [showText, setShowText] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);

  async function cancel(b: Broadcast) {
    setCancelling(true);
    setError(null);
    try {
      if (await cancelBroadcast(b)) {
        toast('已取消');
        data.reload();
      }
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '取消失败，请稍后重试');
    } finally {
      setCancelling(false);
    }
  }

  const b = data.data?.broadcast;
  return (
    <>
      <PageHeader title="群发报告" sub={b?.title}>
        <ActionButton size="small" fill="outline" loading={data.loading && !!data.data} onClick={data.reload}>
          刷新
        </ActionButton>
        <ActionButton size="small" fill="outline" onClick={() => go(PAGES.orgBroadcastInsights, { id })}>
          推送效果
        </ActionButton>
        {b?.status === 'scheduled' ? (
          <ActionButton size="small" type="danger" fill="outline" loading={cancelling} onClick={() => void cancel(b)}>
            取消群发
          </ActionButton>
        ) : null}
      </PageHeader>
      {error ? (
        <View className="org-banner" role="alert">
          {error}
        </View>
      ) : null}
      <PageState {...data} onRetry={data.reload}>
        {({ broadcast, report, recipients }) => (
          <>
            <BroadcastSummary b={broadcast} />
            <DeliveryReport report={report} />
            {'error' in recipients ? (
              <View className="org-banner" role="alert">
                {recipients.error}
              </View>
            ) : (
              <>
                <View className="org-header">
                  <View className="muted">
                    按当前群画像，此群发的接收群如下{broadcast.status === 'scheduled' ? '（下次发送时以届时为准）' : ''}
                  </View>
                  <ActionButton size="small" fill="none" onClick={() => setShowText(!showText)}>
                    {showText ? '隐藏消息内容' : '显示消息内容'}
                  </ActionButton>
                </View>
                <PreviewPanel preview={recipients} withText={showText} />
              </>
            )}
          </>
        )}
      </PageState>
    </>
  );
}

export default function BroadcastReportPage() {
  const { params } = useRouter();
  return (
    <View className="org-page">
      <OrganizerGate>
        {params.id ? <Report id={params.id} /> : <View className="org-banner">链接缺少群发编号</View>}
      </OrganizerGate>
    </View>
  );
}
