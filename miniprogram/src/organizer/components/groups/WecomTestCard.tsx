import { useState } from 'react';
import { View } from '@tarojs/components';
import { api } from '../../../lib/api';
import { ActionButton } from '../../../components/ActionButton';
import type { Group, WecomTestResult } from '../../types';
import { toast } from '../nav';

/** A 企业微信 robot's masked key and, on request, a test message sent to its group now. */
export function WecomTestCard({ group }: { group: Group }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  async function sendTest() {
    setBusy(true);
    setResult(null);
    try {
      const r = await api.post<WecomTestResult>(`/groups/${group.id}/wecom-test`);
      setResult(r);
      toast(r.ok ? '已发送' : '未发出', r.ok ? 'success' : 'none');
    } catch (e) {
      setResult({ ok: false, message: e instanceof Error ? e.message : '发送失败，请稍后重试' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="section">
      <View className="section__title">企业微信群机器人</View>
      <View className="card__meta">Webhook Key：{group.wecomKeyMasked ?? '****'}</View>
      <View className="muted">推送由科转通直接发给群机器人（每个机器人每分钟最多 20 条，超出的顺延发送）。</View>
      {result ? (
        <View className={`org-badge ${result.ok ? 'org-badge--ok' : 'org-badge--bad'}`} role="status">
          {result.message}
        </View>
      ) : null}
      <View className="org-footer">
        <ActionButton size="small" fill="outline" loading={busy} onClick={() => void sendTest()}>
          发送测试消息
        </ActionButton>
      </View>
    </View>
  );
}
