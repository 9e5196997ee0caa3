import { countdown, formatTime } from '../../../lib/format';

/**
 * How long before the start a check-in counts as "far before" and is asked about first. Doors open an hour or
 * so ahead; a scan hours earlier is more likely the wrong event picked in the list, or a test scan, than a
 * guest at the door, and a check-in cannot be taken back from this page.
 */
export const EARLY_CHECKIN_MS = 3 * 3_600_000;

/** The question to ask before checking someone in, or null when it is close enough to the start. */
export function earlyCheckinQuestion(startsAt: string | undefined, now: number = Date.now()): string | null {
  if (!startsAt) return null;
  const start = Date.parse(startsAt);
  if (Number.isNaN(start) || start - now <= EARLY_CHECKIN_MS) return null;
  return `活动将于 ${formatTime(startsAt)} 开始，距现在还有 ${countdown(startsAt, now)}。确定现在签到吗？`;
}
