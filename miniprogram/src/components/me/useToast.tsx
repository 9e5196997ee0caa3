import { useCallback, useState } from 'react';
import { Toast } from '@nutui/nutui-react-taro';

type Icon = 'success' | 'fail' | 'warn';

interface ToastState {
  content: string;
  icon: Icon | null;
  /** Bumped on every show so the same message twice still re-opens the toast. */
  seq: number;
}

/**
 * A NutUI toast driven by state (the Taro build's `Toast.show(id)` needs a mounted `<Toast id>` anyway).
 * Returns the element to render once per page and a `show` function.
 */
export function useToast() {
  const [state, setState] = useState<ToastState | null>(null);
  const show = useCallback((content: string, icon: Icon | null = null) => {
    setState((prev) => ({ content, icon, seq: (prev?.seq ?? 0) + 1 }));
  }, []);
  const node = state ? (
    <Toast key={state.seq} visible content={state.content} icon={state.icon} duration={2} onClose={() => setState(null)} />
  ) : null;
  return { toast: node, showToast: show };
}
