import Taro from '@tarojs/taro';
import type { Session as SessionSchema, User } from '@techbridge/shared';

/** The signed-in user as the api describes it (GET /me, the `user` of every login reply). */
export type SessionUser = User;

/** A login reply (POST /auth/*), kept in storage. */
export type Session = SessionSchema;

const KEY = 'techbridge.session';

// Storage is synchronous on both targets (localStorage on H5), so pages can read the session while rendering.
export function readSession(): Session | null {
  try {
    const value = Taro.getStorageSync(KEY) as Session | '';
    return value && typeof value === 'object' && value.token ? value : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  Taro.setStorageSync(KEY, session);
}

export function clearSession(): void {
  Taro.removeStorageSync(KEY);
}

export function updateSessionUser(user: SessionUser): void {
  const current = readSession();
  if (current) saveSession({ ...current, user });
}

const NOTICE_KEY = 'techbridge.logoutNotice';

/**
 * Why the user was signed out (a role removed, the account disabled, the password changed
 * elsewhere), kept until the login page shows it once.
 */
export function saveLogoutNotice(message: string): void {
  Taro.setStorageSync(NOTICE_KEY, message);
}

export function takeLogoutNotice(): string | null {
  try {
    const message = Taro.getStorageSync(NOTICE_KEY) as string;
    if (message) Taro.removeStorageSync(NOTICE_KEY);
    return message || null;
  } catch {
    return null;
  }
}

export const isAdmin = (user: SessionUser | null | undefined): boolean => !!user && user.roles.includes('admin');

export const isOrganizer = (user: SessionUser | null | undefined): boolean =>
  !!user && (user.roles.includes('organizer') || user.roles.includes('admin'));
