/**
 * WeChat's answer when an account posts too fast. Puppets pass it through as the error message
 * (sometimes wrapped), so matching the words is what works across puppets.
 */
const RATE_LIMITED = /操作过于频繁|操作太频繁|发送过于频繁|too frequent/i;

export function isRateLimitError(err: unknown): boolean {
  return RATE_LIMITED.test(errorText(err));
}

/** A short, single-line description of a thrown value for reports and logs. */
export function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.replace(/\s+/g, ' ').trim().slice(0, 500) || 'unknown error';
}
