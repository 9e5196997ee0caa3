import { useEffect } from 'react';
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { api, ApiError } from '../../lib/api';
import { readSession } from '../../lib/session';
import { go, pageUrl, PAGES } from '../../lib/routes';
import type { EventItem } from '../../lib/types';
import { useLoad } from '../../lib/useLoad';
import { PageState } from '../../components/PageState';
import { ActionButton } from '../../components/ActionButton';
import { SignupForm } from '../../components/me/SignupForm';

/** Sign-up for an event. `t` is the tracking code of the pushed link the user came from. */
export default function Signup() {
  const { params } = useRouter();
  const eventId = params.id ?? '';
  const session = readSession();
  // goLogin() rebuilds "here" from the page stack, which on H5 lacks the query; name the way back explicitly.
  const login = () => go(PAGES.login, { redirect: pageUrl(PAGES.eventSignup, { id: eventId, t: params.t }) });

  // Once, on arrival; coming back from login opens a fresh copy of this page.
  useEffect(() => {
    if (!readSession()) login();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on arrival
  }, []);

  const event = useLoad(
    () =>
      eventId ? api.get<EventItem>(`/events/${eventId}`) : Promise.reject(new ApiError(400, 'bad_request', '链接缺少活动编号')),
    [eventId],
  );

  if (!session) {
    return (
      <View className="section">
        <View className="muted">报名前请先登录</View>
        <View className="form-actions">
          <ActionButton block onClick={login}>
            登录
          </ActionButton>
        </View>
      </View>
    );
  }

  return (
    <View className="signup">
      <PageState {...event} onRetry={event.reload}>
        {(e) => <SignupForm event={e} user={session.user} source={params.t} />}
      </PageState>
    </View>
  );
}
