// One colour per status meaning, across every page (the theme's status colours, styles/theme.scss). The keys
// are the api's own status values; where two resources share a word (open, cancelled) they share its meaning.
// The labels stay where they are (lib/types, organizer/labels); this file decides only the colour.

export type StatusTone = 'success' | 'warning' | 'info' | 'danger' | 'muted' | 'brand';

const TONES: Record<string, StatusTone> = {
  // Going on, done right: green.
  open: 'success',
  rolling: 'success',
  confirmed: 'success',
  published: 'success',
  sent: 'success',
  completed: 'success',
  active: 'success',
  // Attended: the brand colour, set apart from a mere confirmation.
  checked_in: 'brand',
  // Waiting in line, or something to act on soon: amber.
  waitlist: 'warning',
  waitlisted: 'warning',
  offered: 'warning',
  draft: 'warning',
  needs_rebind: 'warning',
  profile_incomplete: 'warning',
  // Waiting on someone else (the organizer's review, the opening time, the send time): blue, never green.
  pending_approval: 'info',
  not_open: 'info',
  upcoming: 'info',
  scheduled: 'info',
  pending: 'info',
  sending: 'info',
  // Refused, failed, no room: red.
  full: 'danger',
  rejected: 'danger',
  failed: 'danger',
  removed: 'danger',
  // Over, withdrawn or cancelled: grey.
  closed: 'muted',
  cancelled: 'muted',
  event_cancelled: 'muted',
  archived: 'muted',
  skipped: 'muted',
};

/** The colour of a status value; an unknown one is grey rather than a colour that claims something. */
export const statusTone = (status: string | null | undefined): StatusTone => (status ? (TONES[status] ?? 'muted') : 'muted');
