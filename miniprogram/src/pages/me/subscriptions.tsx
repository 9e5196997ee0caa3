import { View } from '@tarojs/components';
import { useEffect } from 'react';
import { api } from '../../lib/api';
import { readSession, type SessionUser } from '../../lib/session';
import { goLogin } from '../../lib/routes';
import { useLoad } from '../../lib/useLoad';
import { PageState } from '../../components/PageState';
import { SubscriptionForm, type Subscription } from '../../components/me/SubscriptionForm';
import { NotifyPanel } from '../../components/me/NotifyPanel';

/** GET /me; a session stored by an older build may predate `subscription`. */
type MeWithSubscription = Partial<Pick<SessionUser, 'subscription'>>;

const EMPTY: Subscription = { regions: [], topics: [], notifyConsent: false };

/** Personal subscription: which regions and topics the user wants pushed to them, and the messages they allow. */
export default function MySubscriptions() {
  const signedIn = readSession() !== null;
  useEffect(() => {
    if (!readSession()) goLogin();
  }, []);
  const me = useLoad(
    () => (signedIn ? api.get<MeWithSubscription>('/me').then((u) => u.subscription ?? EMPTY) : Promise.resolve(EMPTY)),
    [signedIn],
  );

  return (
    <View className="my-subscriptions">
      <PageState {...me} onRetry={me.reload}>
        {(subscription) => <SubscriptionForm initial={subscription} />}
      </PageState>
      {signedIn ? <NotifyPanel /> : null}
    </View>
  );
}
