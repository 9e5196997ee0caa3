// Dates must never break across lines mid-number ("2026年12月" / "8日 14:00"). Pages render formatted times
// through DateText, which keeps each date (and a bare clock time) in one unbreakable piece while the words
// between them (至, 起, ·) may still wrap.

export interface TextPiece {
  text: string;
  /** A date or time: rendered with white-space: nowrap. */
  date: boolean;
}

// 2026年12月3日（周四）14:00, 2026年12月3日, 2026-12-08 14:00, or a lone 14:00.
const DATE = /\d{4}年\d{1,2}月\d{1,2}日(?:（周.）)?(?:\d{1,2}:\d{2})?|\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2})?|\d{1,2}:\d{2}/g;

/** Splits text into dates and the words around them, in order; joined back they are the input. */
export function splitDates(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  let at = 0;
  for (const m of text.matchAll(DATE)) {
    if (m.index! > at) pieces.push({ text: text.slice(at, m.index), date: false });
    pieces.push({ text: m[0], date: true });
    at = m.index! + m[0].length;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), date: false });
  return pieces;
}
