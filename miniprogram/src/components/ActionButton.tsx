import type { ComponentProps } from 'react';
import { Button } from '@nutui/nutui-react-taro';

type Props = Omit<ComponentProps<typeof Button>, 'onClick'> & { onClick?: () => void };

/**
 * NutUI's Button with what its H5 host element (`<taro-button-core>`) lacks: role="button" and aria-disabled,
 * so it is announced, and found by role, as a button. Busy means disabled. The tap is the button's, not the
 * tappable row's it may sit in. (Clicks on the label reach it through the rule in app.scss.)
 *
 * A button is a brand-coloured primary unless told otherwise: NutUI's own default is a bare outlined button,
 * which left 登录, 查看我的票 and most organizer actions looking unstyled. Secondary actions say `type="default"`.
 */
export function ActionButton({ onClick, disabled, loading, type = 'primary', ...rest }: Props) {
  // NutUI's props type has no `role`; Button passes unknown props on to the Taro button element.
  const a11y = { role: 'button', 'aria-disabled': disabled || loading ? 'true' : 'false' };
  return (
    <Button
      {...rest}
      {...a11y}
      type={type}
      loading={loading}
      disabled={disabled || loading}
      onClick={(e) => {
        e?.stopPropagation?.();
        onClick?.();
      }}
    />
  );
}
