import { View } from '@tarojs/components';
import { STATUS_LABELS, type RegistrationStatus } from '../../../lib/types';

/** Statuses in the order an organizer reads them. */
export const STATUS_ORDER: RegistrationStatus[] = [
  'pending_approval',
  'confirmed',
  'checked_in',
  'offered',
  'waitlisted',
  'cancelled',
  'rejected',
];

export type Counts = Record<RegistrationStatus, number>;

/** Registrant counts per status, as tiles; statuses nobody is in are left out after the first row. */
export function StatusCounts({ counts }: { counts: Counts }) {
  const total = STATUS_ORDER.reduce((n, s) => n + counts[s], 0);
  const shown = STATUS_ORDER.filter((s) => counts[s] > 0 || s === 'confirmed' || s === 'pending_approval');
  return (
    <View className="org-stats" aria-label="报名统计">
      <View className="org-stat">
        <View className="org-stat__value">{total}</View>
        <View className="org-stat__label">全部报名</View>
      </View>
      {shown.map((s) => (
        <View key={s} className="org-stat">
          <View className="org-stat__value">{counts[s]}</View>
          <View className="org-stat__label">{STATUS_LABELS[s]}</View>
        </View>
      ))}
    </View>
  );
}
