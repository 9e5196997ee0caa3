import { formatTime } from '../../lib/format';
import { eventCancelled, type Registration } from '../../lib/types';

export interface StatusText {
  title: string;
  detail?: string;
  hint?: string;
}

/** The headline and explanation of a registration's status, as the result page shows it. */
export function describeStatus(reg: Pick<Registration, 'status' | 'waitlistPosition' | 'offerExpiresAt' | 'event'>): StatusText {
  // The organizer's cancellation outranks whatever the registration says (it stays confirmed, say).
  if (eventCancelled(reg)) {
    const reason = reg.event?.cancelReason;
    return {
      title: '活动已取消',
      detail: reason ? `取消原因：${reason}` : undefined,
      hint: '主办方已取消本次活动，无需到场签到。',
    };
  }
  switch (reg.status) {
    case 'confirmed':
      return { title: '报名成功', hint: '入场时出示票码二维码签到，可随时在「我的报名」中查看。' };
    case 'waitlisted':
      return {
        title: '已进入候补',
        detail: reg.waitlistPosition ? `当前候补第 ${reg.waitlistPosition} 位` : undefined,
        hint: '有名额空出时将按候补顺序通知你。',
      };
    case 'pending_approval':
      return { title: '等待主办方审核', hint: '审核通过后即可凭票码入场。' };
    case 'offered':
      return {
        title: `有空余名额，请在 ${formatTime(reg.offerExpiresAt)} 前确认`,
        hint: '逾期未确认，名额将顺延给下一位候补。可在「我的报名」中确认参加。',
      };
    case 'checked_in':
      return { title: '已签到' };
    case 'rejected':
      return { title: '报名未通过' };
    case 'cancelled':
      return { title: '报名已取消' };
  }
}
