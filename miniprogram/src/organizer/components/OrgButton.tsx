import type { ReactNode } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import './organizer.scss';

interface Props {
  children: ReactNode;
  onClick: () => void;
  type?: 'default' | 'primary' | 'danger' | 'success';
  fill?: 'solid' | 'outline' | 'none';
  size?: 'normal' | 'small' | 'mini';
  block?: boolean;
  loading?: boolean;
  disabled?: boolean;
  className?: string;
}

/**
 * NutUI's Button plus what its H5 host element (`<taro-button-core>`) lacks: role="button" and aria-disabled,
 * so it is announced, and found by role, as a button. The click is not forwarded while busy or disabled.
 */
export function OrgButton({ children, onClick, type = 'primary', fill, size, block, loading, disabled, className }: Props) {
  const aria = { role: 'button', 'aria-disabled': disabled || loading ? 'true' : 'false' };
  return (
    <Button
      {...aria}
      className={className}
      type={type}
      fill={fill}
      size={size}
      block={block}
      loading={loading}
      disabled={disabled || loading}
      onClick={(e) => {
        // Row actions sit inside tappable rows: the tap is the button's, not the row's.
        e?.stopPropagation?.();
        onClick();
      }}
    >
      {children}
    </Button>
  );
}
