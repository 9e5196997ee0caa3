import type { ComponentProps } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import './browse.scss';

type Props = ComponentProps<typeof Button>;

/**
 * NutUI's Button with what the H5 build lacks: the host element is a custom element (taro-button-core), so
 * it gets role="button" and aria-disabled for screen readers and tests, and `.browse-button` lets a tap on
 * its label reach the label (see browse.scss).
 */
export function ActionButton({ className, disabled, ...rest }: Props) {
  // NutUI's props type has no `role`; Button passes unknown props on to the Taro button element.
  const a11y = { role: 'button', 'aria-disabled': !!disabled };
  return <Button {...rest} {...a11y} disabled={disabled} className={`browse-button ${className ?? ''}`} />;
}
