import { View } from '@tarojs/components';
import { ActionButton } from '../ActionButton';
import { signupBarState } from '../../lib/browse/signupBar';
import { go, PAGES } from '../../lib/routes';
import type { EventItem, Registration } from '../../lib/types';
import './signupBar.scss';

interface Props {
  event: EventItem;
  registration: Registration | null;
  /** Tracking code of the pushed link the user came from, handed on to the sign-up form. */
  t: string | undefined;
}

/**
 * The event page's bar fixed to the bottom of the screen: seats (or the user's own registration) and the one
 * thing to do next, reachable however far the user has scrolled. The page leaves room for it (.with-signup-bar).
 */
export function SignupBar({ event, registration, t }: Props) {
  const bar = signupBarState(event, registration);
  const open = () => {
    if (bar.target === 'signup') go(PAGES.eventSignup, { id: event.id, t });
    else if (bar.target === 'mine') go(PAGES.myRegistrations);
  };
  return (
    <View className="signup-bar" role="region" aria-label="报名">
      <View className={`signup-bar__status signup-bar__status--${bar.tone}`}>{bar.status}</View>
      <ActionButton
        type="primary"
        className={`signup-bar__button ${bar.target === 'mine' ? 'event-signup__tickets' : 'event-signup__button'}`}
        disabled={!bar.enabled}
        onClick={open}
      >
        {bar.label}
      </ActionButton>
    </View>
  );
}
