// The organizer pages' Chinese labels: the one vocabulary in @techbridge/shared/labels (also used by the api's
// CSV export and notices); an unknown value is shown as it is.
import type { Group } from './types';

export {
  BROADCAST_STATUS_LABELS,
  CONTENT_STATUS_LABELS,
  DELIVERY_STATUS_LABELS,
  EVENT_STATUS_LABELS,
  audienceKindLabel,
  broadcastKindLabel,
  broadcastStatusLabel,
  contentStatusLabel,
  deliveryStatusLabel,
  eventStatusLabel,
  groupStatusLabel,
  localizeStatuses,
  occurrenceStatusLabel,
  registrationStatusLabel,
  roleLabel,
} from '@techbridge/shared/labels';

/** `即时推送` or `每日 09:00 汇总`, plus quiet hours when set. */
export function deliveryModeText(d: Group['delivery']): string {
  const mode = d.mode === 'digest' ? `每日 ${d.digestAt} 汇总` : '即时推送';
  return d.quietHours ? `${mode} · 免打扰 ${d.quietHours.start}-${d.quietHours.end}` : mode;
}
