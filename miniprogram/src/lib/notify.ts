import Taro from '@tarojs/taro';
import type { NotifyKind, NotifySettings } from '@techbridge/shared';
import { api } from './api';

/** Kinds asked for at sign-up (WeChat shows at most 3 templates per request). */
export const SIGNUP_KINDS: NotifyKind[] = ['registration_result', 'waitlist_offer', 'event_reminder'];
/** Kinds offered on 我的订阅, in two requests of at most 3. */
export const SUBSCRIPTION_GROUPS: { label: string; kinds: NotifyKind[] }[] = [
  { label: '报名与候补', kinds: ['registration_result', 'waitlist_offer', 'event_reminder'] },
  { label: '活动变更与新内容', kinds: ['event_changed', 'event_cancelled', 'new_content'] },
];

let cached: NotifySettings | null = null;

/**
 * Loads the templates the api sends through (call on page load: the consent request itself must run
 * straight from a tap, with no request in between, or WeChat refuses to show its dialog).
 */
export async function loadNotifySettings(): Promise<NotifySettings | null> {
  try {
    cached = await api.get<NotifySettings>('/me/notify', undefined, { redirectOn401: false });
  } catch {
    cached = null;
  }
  return cached;
}

/**
 * Asks consent for `kinds` and records what the person accepted (one message credit each).
 * weapp: `Taro.requestSubscribeMessage`, then the accepted template ids go to the api.
 * H5 has no such dialog: the page has shown what the messages are, and the api records the consent
 * only when it runs in development (otherwise it says so and nothing changes).
 * Never throws: a sign-up must not fail because consent could not be asked.
 */
export async function askConsent(kinds: NotifyKind[], settings = cached): Promise<NotifySettings | null> {
  const ids = (settings?.templates ?? []).filter((t) => kinds.includes(t.kind)).map((t) => t.templateId);
  if (!settings?.enabled || ids.length === 0) return null;
  try {
    if (process.env.TARO_ENV === 'weapp') {
      // Taro's typing demands `entityIds` (another platform's field); WeChat takes tmplIds alone.
      const option = { tmplIds: ids.slice(0, 3) } as Taro.requestSubscribeMessage.Option;
      const result = (await Taro.requestSubscribeMessage(option)) as unknown as Record<string, string>;
      const accepted = ids.filter((id) => result[id] === 'accept');
      if (accepted.length === 0) return null;
      cached = await api.post<NotifySettings>('/me/notify/consent', { templateIds: accepted, source: 'weapp' });
      return cached;
    }
    if (!settings.browserConsent) return null;
    cached = await api.post<NotifySettings>('/me/notify/consent', { templateIds: ids, source: 'h5' });
    return cached;
  } catch {
    return null;
  }
}
