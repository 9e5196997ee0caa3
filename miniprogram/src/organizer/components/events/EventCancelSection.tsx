import { useState } from 'react';
import { View } from '@tarojs/components';
import { api, ApiError } from '../../../lib/api';
import type { EventCancelReply, OrgEvent } from '../../types';
import { TextAreaField } from '../Field';
import { FormBanner } from '../FormBanner';
import { confirm, toast } from '../nav';
import { ActionButton } from '../../../components/ActionButton';
import { noticePreview } from './eventNotice';

/**
 * 取消活动 for a published event: a reason (told to everyone), then a confirmation that says how many
 * people and groups will be told before anything is sent.
 */
export function EventCancelSection({ event, onCancelled }: { event: OrgEvent; onCancelled: (e: OrgEvent) => void }) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [banner, setBanner] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function cancel() {
    if (reason.trim().length < 2) {
      setError('请填写取消原因（至少 2 个字）');
      return;
    }
    setError(undefined);
    setBanner(null);
    setBusy(true);
    try {
      const { people, groups } = await noticePreview(event.id);
      const ok = await confirm(
        '取消活动',
        `取消后报名关闭、候补名额撤回，并通知 ${people} 位报名者和 ${groups} 个群。确定取消「${event.title}」？`,
      );
      if (!ok) return;
      const res = await api.post<EventCancelReply>(`/events/${event.id}/cancel`, {
        reason: reason.trim(),
      });
      toast('活动已取消');
      onCancelled(res.event);
    } catch (e) {
      const err = e instanceof ApiError ? e : null;
      const field = err?.fieldMap().reason;
      if (field) setError(field);
      else setBanner(err?.message ?? '取消失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="section event-cancel">
      <View className="section__title">取消活动</View>
      <TextAreaField
        label="取消原因"
        value={reason}
        onChange={setReason}
        error={error}
        maxlength={100}
        placeholder="将告知所有报名者和收到活动的群"
      />
      <FormBanner message={banner} />
      <ActionButton type="danger" fill="outline" loading={busy} disabled={busy} onClick={() => void cancel()}>
        取消活动
      </ActionButton>
    </View>
  );
}
