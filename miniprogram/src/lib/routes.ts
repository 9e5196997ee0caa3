import Taro from '@tarojs/taro';

/** Every page path in one place; pushed links (shared/src/render.ts) use the same paths. */
export const PAGES = {
  home: '/pages/index/index',
  policyList: '/pages/policy/list',
  policyDetail: '/pages/policy/detail',
  programList: '/pages/program/list',
  programDetail: '/pages/program/detail',
  eventList: '/pages/event/list',
  eventDetail: '/pages/event/detail',
  eventSignup: '/pages/event/signup',
  eventResult: '/pages/event/result',
  me: '/pages/me/index',
  myRegistrations: '/pages/me/registrations',
  mySubscriptions: '/pages/me/subscriptions',
  login: '/pages/login/index',
  orgEvents: '/organizer/events/index',
  orgEventEdit: '/organizer/events/edit',
  orgRegistrants: '/organizer/events/registrants',
  orgCheckin: '/organizer/events/checkin',
  orgBroadcasts: '/organizer/broadcasts/index',
  orgBroadcastEdit: '/organizer/broadcasts/edit',
  orgBroadcastReport: '/organizer/broadcasts/report',
  orgGroups: '/organizer/groups/index',
  orgGroupEdit: '/organizer/groups/edit',
  orgPolicies: '/organizer/policies/index',
  orgPolicyEdit: '/organizer/policies/edit',
  orgPrograms: '/organizer/programs/index',
  orgProgramEdit: '/organizer/programs/edit',
  orgEventInsights: '/organizer/insights/event',
  orgBroadcastInsights: '/organizer/insights/broadcast',
  orgGroupInsights: '/organizer/insights/group',
} as const;

const TAB_PAGES: string[] = [PAGES.home, PAGES.policyList, PAGES.eventList, PAGES.me];

export function pageUrl(path: string, params: Record<string, string | number | undefined> = {}): string {
  const query = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');
  return query ? `${path}?${query}` : path;
}

/** Open a page; tab pages need switchTab, everything else navigateTo. */
export function go(path: string, params: Record<string, string | number | undefined> = {}): void {
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url: pageUrl(path, params) });
}

/** Replace the current page (after a form is done, so "back" does not return to it). */
export function replace(path: string, params: Record<string, string | number | undefined> = {}): void {
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.redirectTo({ url: pageUrl(path, params) });
}

/**
 * The current page as a url, so login can bring the user back to it. Taro's router knows the params on both
 * targets (on H5 the page objects carry no `options`); Taro's own `$taroTimestamp` is left out.
 */
export function currentPageUrl(): string {
  const router = Taro.getCurrentInstance().router;
  const pages = Taro.getCurrentPages();
  const page = pages[pages.length - 1] as { route?: string; options?: Record<string, string> } | undefined;
  const rawPath = router?.path || page?.route;
  if (!rawPath) return PAGES.home;
  const path = `/${rawPath.replace(/^\//, '').split('?')[0]}`;
  const params = { ...(page?.options ?? {}), ...(router?.params ?? {}) } as Record<string, string | undefined>;
  delete params.$taroTimestamp;
  return pageUrl(path, params);
}

let redirecting = false;
/** Go to login once (several requests may fail with 401 together), remembering where to come back. */
export function goLogin(): void {
  if (redirecting) return;
  const here = currentPageUrl();
  if (here.startsWith(PAGES.login)) return;
  redirecting = true;
  void Taro.navigateTo({ url: pageUrl(PAGES.login, { redirect: here }) }).finally(() => {
    redirecting = false;
  });
}

/** Return from login to where the user was (a tab page needs switchTab). */
export function returnTo(url: string | undefined): void {
  const target = url ? decodeURIComponent(url) : PAGES.home;
  const path = target.split('?')[0]!;
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.redirectTo({ url: target });
}
