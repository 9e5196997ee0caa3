/**
 * Characters a person cannot see but software acts on: C0/C1 control characters (NUL, ESC…; tab
 * and line breaks excepted, free text needs them) and the bidirectional controls that reorder
 * what is shown (U+202E makes `gpj.exe` look like `exe.jpg`). Refused in every field a user types,
 * because they end up in names, CSV exports and pushed group messages.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// eslint-disable-next-line no-control-regex -- the same set, every occurrence
const HIDDEN_ALL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** The first hidden character in `s` as `U+XXXX`, or null. */
export function findHiddenCharacter(s: string): string | null {
  const m = HIDDEN.exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : null;
}

/** `s` without hidden characters (for output built from records stored before they were refused). */
export function stripHiddenCharacters(s: string): string {
  return s.replace(HIDDEN_ALL, '');
}
