import { View } from '@tarojs/components';
import { formatTime } from '../../../lib/format';
import { registrationStatusLabel, roleLabel } from '../../labels';
import type { CheckInResult } from '../../types';
import { maskName } from './ticket';

/** The outcome of one check-in: the (masked) person, their status, and whether it was a repeat scan. */
export function CheckinResult({ result }: { result: CheckInResult }) {
  const reg = result.registration;
  return (
    <View className={result.alreadyCheckedIn ? 'org-banner org-checkin' : 'org-notice org-checkin'} role="status">
      <View className="org-checkin__title">{result.alreadyCheckedIn ? '该票已签到过，无需重复签到' : '签到成功'}</View>
      <View>
        {maskName(reg.name)} · {reg.org} · {roleLabel(reg.role)}
      </View>
      <View>
        票码 {reg.ticketCode} · 状态：{registrationStatusLabel(reg.status)}
        {reg.checkedInAt ? ` · 签到时间 ${formatTime(reg.checkedInAt)}` : ''}
      </View>
    </View>
  );
}
