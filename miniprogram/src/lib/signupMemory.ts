import Taro from '@tarojs/taro';
import type { SignupDefaults } from '@techbridge/shared';
import { api } from './api';

/** Name, organisation and phone a sign-up form starts from. */
export type SignupContact = { name: string; org: string; phone: string };

// Per account, so a second person signing in on the same phone does not get the first one's details.
const keyFor = (userId: string) => `techbridge.signup.${userId}`;

function fromStorage(userId: string): Partial<SignupContact> {
  try {
    const v = Taro.getStorageSync(keyFor(userId)) as Partial<SignupContact> | '';
    return v && typeof v === 'object' ? v : {};
  } catch {
    return {};
  }
}

/** Keeps what was just sent, for the next form on this device (the api's copy covers other devices). */
export function rememberSignup(userId: string, contact: SignupContact): void {
  try {
    Taro.setStorageSync(keyFor(userId), contact);
  } catch {
    /* storage full or disabled: the api still has the latest sign-up */
  }
}

/**
 * What the person gave on their latest sign-up: the api's record of it first (it follows them across devices),
 * this device's copy where the api has nothing or cannot be reached. Fields neither knows are left out.
 */
export async function loadSignupContact(userId: string): Promise<Partial<SignupContact>> {
  const local = fromStorage(userId);
  let server: SignupDefaults | null = null;
  try {
    server = await api.get<SignupDefaults>('/me/signup-defaults', undefined, { redirectOn401: false });
  } catch {
    server = null;
  }
  const pick = (k: keyof SignupContact) => server?.[k] || local[k] || undefined;
  const out: Partial<SignupContact> = {};
  for (const k of ['name', 'org', 'phone'] as const) {
    const v = pick(k);
    if (v) out[k] = v;
  }
  return out;
}
