/** Dates leave the api as ISO strings (UTC); clients format them in Asia/Shanghai. */
export const iso = (d: Date | null | undefined): string | null => (d ? new Date(d).toISOString() : null);
export const isoReq = (d: Date | null | undefined): string => (d ? new Date(d).toISOString() : new Date(0).toISOString());
export const strOrNull = (s: string | null | undefined): string | null => (s === undefined || s === null || s === '' ? null : s);

/** 13812345678 → 138****5678: how phone numbers appear in any list (invariant 6). */
export function maskPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  return phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : '****';
}
