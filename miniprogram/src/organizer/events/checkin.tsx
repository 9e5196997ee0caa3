import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { api, ApiError } from '../../lib/api';
import { formatTime } from '../../lib/format';
import { useLoad } from '../../lib/useLoad';
import { PageState } from '../../components/PageState';
import { TextField } from '../components/Field';
import { OrganizerGate } from '../components/OrganizerGate';
import { ActionButton } from '../../components/ActionButton';
import { PageHeader } from '../components/PageHeader';
import { CheckinResult } from '../components/checkin/CheckinResult';
import { maskName, normalizeTicket, TICKET_RE, ticketFromScan } from '../components/checkin/ticket';
import { earlyCheckinQuestion } from '../components/checkin/earlyCheckin';
import { confirm } from '../components/nav';
import { localizeStatuses } from '../labels';
import type { CheckInResult, OrgEvent } from '../types';

const CAN_SCAN = process.env.TARO_ENV === 'weapp';

function Checkin({ eventId }: { eventId: string }) {
  const event = useLoad(() => api.get<OrgEvent>(`/events/${eventId}`), [eventId]);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<CheckInResult | null>(null);
  const [recent, setRecent] = useState<CheckInResult[]>([]);

  async function checkIn(ticketCode: string) {
    setError(null);
    setResult(null);
    if (!TICKET_RE.test(ticketCode)) {
      setError('票码应为 8 位大写字母或数字');
      return;
    }
    // Hours before the start, ask first: most likely the wrong event, and a check-in is not undone here.
    const early = earlyCheckinQuestion(event.data?.startsAt);
    if (early && !(await confirm('活动尚未开始', early))) return;
    setBusy(true);
    try {
      // Idempotent on the api: a second scan of the same ticket answers alreadyCheckedIn instead of failing.
      const res = await api.post<CheckInResult>(`/events/${eventId}/checkin`, { ticketCode });
      setResult(res);
      setCode('');
      if (!res.alreadyCheckedIn) setRecent((list) => [res, ...list].slice(0, 20));
    } catch (e) {
      setError(e instanceof ApiError ? localizeStatuses(e.message) : '签到失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  }

  async function scan() {
    try {
      const res = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode', 'barCode'] });
      const ticket = ticketFromScan(res.result ?? '');
      if (ticket) void checkIn(ticket);
      else setError('没有识别到票码，请对准报名凭证上的二维码，或手动输入票码');
    } catch {
      // Closing the scanner is not an error worth showing.
    }
  }

  return (
    <>
      <PageHeader title="活动签到" sub={event.data?.title} />
      <PageState {...event} onRetry={event.reload}>
        {(e) => (
          <View className="section">
            <View className="card__meta">
              {formatTime(e.startsAt)} · {e.venue || (e.onlineUrl ? '线上' : '地点待定')}
            </View>
            {CAN_SCAN ? (
              <View className="org-actions">
                <ActionButton block loading={busy} onClick={() => void scan()}>
                  扫码签到
                </ActionButton>
              </View>
            ) : null}
            <TextField
              label="票码"
              value={code}
              onChange={(v) => setCode(normalizeTicket(v))}
              placeholder="8 位字母或数字，例如 AB12CD34"
              maxlength={12}
              hint={CAN_SCAN ? '扫码失败时可手动输入参会者报名凭证上的票码' : '输入参会者报名凭证上的票码'}
            />
            <View className="org-actions">
              <ActionButton block fill="outline" loading={busy} onClick={() => void checkIn(code)}>
                签到
              </ActionButton>
            </View>
          </View>
        )}
      </PageState>
      {error ? (
        <View className="org-banner" role="alert">
          {error}
        </View>
      ) : null}
      {result ? <CheckinResult result={result} /> : null}
      {recent.length > 0 ? (
        <View className="section">
          <View className="section__title">本次已签到 {recent.length} 人</View>
          {recent.map((r) => (
            <View key={r.registration.id} className="card__meta">
              {maskName(r.registration.name)} · {r.registration.org} · {formatTime(r.registration.checkedInAt)}
            </View>
          ))}
        </View>
      ) : null}
    </>
  );
}

export default function CheckinPage() {
  const { params } = useRouter();
  return (
    <View className="org-page">
      <OrganizerGate>
        {params.id ? <Checkin eventId={params.id} /> : <View className="org-banner">链接缺少活动编号</View>}
      </OrganizerGate>
    </View>
  );
}
