import { View } from '@tarojs/components';
import { formatTime } from '../../../lib/format';
import type { Question, Registration } from '../../../lib/types';
import { registrationStatusLabel, roleLabel } from '../../labels';
import { ActionButton } from '../../../components/ActionButton';
import { StatusTag } from '../../../components/StatusTag';

interface Props {
  reg: Registration;
  questions: Question[];
  busy: boolean;
  onDecide: (reg: Registration, verb: 'approve' | 'reject') => void;
}

/** One registrant (phone masked by the api), their answers, and approve/reject while pending. */
export function RegistrantRow({ reg, questions, busy, onDecide }: Props) {
  const labelOf = (id: string) => questions.find((q) => q.id === id)?.label ?? id;
  const answers = Object.entries(reg.answers ?? {}).filter(([, v]) => v);
  return (
    <View className="org-row">
      <View className="org-row__head">
        <View className="card__title">
          {reg.name} · {reg.org}
        </View>
        <StatusTag status={reg.status}>{registrationStatusLabel(reg.status)}</StatusTag>
      </View>
      <View className="card__meta">
        {roleLabel(reg.role)} · {reg.phone} · 票码 {reg.ticketCode}
      </View>
      <View className="card__meta">
        报名于 {formatTime(reg.createdAt)}
        {reg.waitlistPosition ? ` · 候补第 ${reg.waitlistPosition} 位` : ''}
        {reg.checkedInAt ? ` · 签到于 ${formatTime(reg.checkedInAt)}` : ''}
      </View>
      {answers.map(([id, value]) => (
        <View key={id} className="card__meta">
          {labelOf(id)}：{value}
        </View>
      ))}
      {reg.status === 'pending_approval' ? (
        <View className="org-row__actions">
          <ActionButton size="small" type="success" loading={busy} onClick={() => onDecide(reg, 'approve')}>
            通过
          </ActionButton>
          <ActionButton size="small" type="danger" fill="outline" disabled={busy} onClick={() => onDecide(reg, 'reject')}>
            拒绝
          </ActionButton>
        </View>
      ) : null}
    </View>
  );
}
