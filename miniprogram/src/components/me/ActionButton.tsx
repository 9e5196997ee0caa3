import type { ReactNode } from 'react';
import { Button } from '@nutui/nutui-react-taro';
import './form.scss';

const BRAND = '#1f5eff';

interface Props {
  children: ReactNode;
  onClick: () => void;
  type?: 'default' | 'primary' | 'danger';
  fill?: 'solid' | 'outline' | 'none';
  size?: 'normal' | 'small';
  block?: boolean;
  loading?: boolean;
  disabled?: boolean;
  className?: string;
}

/**
 * NutUI's Button with what H5 lacks: the `<taro-button-core>` host gets role="button" and aria-disabled,
 * so it is announced (and found by role) as a button. form.scss also lets clicks on the label reach it.
 */
export function ActionButton({ children, onClick, type = 'primary', fill, size, block, loading, disabled, className }: Props) {
  const aria = { role: 'button', 'aria-disabled': disabled || loading ? 'true' : 'false' };
  return (
    <Button
      {...aria}
      className={className}
      type={type}
      // The brand blue rather than NutUI's default JD red, until the app sets NutUI's theme variables.
      color={type === 'primary' && fill !== 'outline' && fill !== 'none' ? BRAND : undefined}
      fill={fill}
      size={size}
      block={block}
      loading={loading}
      disabled={disabled || loading}
      onClick={() => onClick()}
    >
      {children}
    </Button>
  );
}
