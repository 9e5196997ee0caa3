/** What the api accepts as a ticket code (shared CheckInInput): 8 uppercase letters or digits. */
export const TICKET_RE = /^[A-Z0-9]{8}$/;

/** Typed input as a ticket code: uppercased, without spaces or dashes people add when reading it out. */
export const normalizeTicket = (text: string) =>
  text
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '')
    .slice(0, 8);

/**
 * The ticket code in a scanned QR: tickets encode the bare code, but a link or text carrying it also works
 * (`…?ticket=AB12CD34`): the last 8-character run of letters and digits.
 */
export function ticketFromScan(result: string): string | null {
  const text = result.trim().toUpperCase();
  if (TICKET_RE.test(text)) return text;
  // split rather than a lookbehind regex, which older iOS WeChat engines reject.
  const runs = text.split(/[^A-Z0-9]+/).filter((run) => run.length === 8);
  return runs.length ? runs[runs.length - 1]! : null;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: enough for the organizer to match a face, not to copy a name out. */
export const maskName = (name: string) => {
  const chars = [...name.trim()];
  return chars.length <= 1 ? name : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
};
