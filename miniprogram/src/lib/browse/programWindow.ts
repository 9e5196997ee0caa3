import type { WindowState } from './time';

/** Tag colour of an application window's state. */
export const WINDOW_TAG: Record<WindowState, 'success' | 'info' | 'default' | 'primary'> = {
  open: 'success',
  upcoming: 'info',
  closed: 'default',
  rolling: 'primary',
};
