import { downloadCsv } from '../downloadCsv';

/** Downloads the registrants CSV (see downloadCsv for how each target saves it). */
export function exportRegistrants(eventId: string): Promise<string> {
  return downloadCsv(`/events/${eventId}/registrations/export.csv`, `registrations-${eventId}.csv`);
}
