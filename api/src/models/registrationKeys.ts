import { randomInt } from 'node:crypto';

// No 0/O or 1/I: codes are read aloud and typed at the door.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** An 8-character ticket code; uniqueness is enforced by the registrations index. */
export function newTicketCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** Active registrations hold `<event>:<user>`; ended ones a value unique to the record. */
export const activeKeyFor = (eventId: string, userId: string) => `${eventId}:${userId}`;
export const endedKeyFor = (registrationId: string) => `ended:${registrationId}`;
