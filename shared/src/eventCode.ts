/**
 * Short event codes people can type in WeChat (`报名 K7MX4P`): six characters from an alphabet
 * without look-alikes (no 0/O, 1/I/L), read in any case. Uniqueness among events that are not over
 * is the api's job (a reservation document per code); this module only says what a code looks like.
 */

/** Digits and capitals minus 0, 1, I, L and O, which are misread for one another. */
export const EVENT_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const EVENT_CODE_LENGTH = 6;

const CODE = new RegExp(`^[${EVENT_CODE_ALPHABET}]{${EVENT_CODE_LENGTH}}$`);

/** The code in canonical form (upper case, blanks and a leading # dropped), or null if it is not one. */
export function normalizeEventCode(text: string): string | null {
  const code = text
    .trim()
    .replace(/^[#＃]/, '')
    .toUpperCase();
  return CODE.test(code) ? code : null;
}

/** A random code; `randomIndex(n)` returns an integer in [0, n) (crypto.randomInt in the api). */
export function randomEventCode(randomIndex: (n: number) => number): string {
  let code = '';
  for (let i = 0; i < EVENT_CODE_LENGTH; i++) code += EVENT_CODE_ALPHABET[randomIndex(EVENT_CODE_ALPHABET.length)];
  return code;
}
