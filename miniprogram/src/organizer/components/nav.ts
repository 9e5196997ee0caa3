import Taro from '@tarojs/taro';
import { pageUrl } from '../../lib/routes';

/**
 * Leave a finished form for `path`: back to it when it is the page underneath (it reloads on show), otherwise
 * open it in place of the form. Not a plain redirect: on H5 every page in the stack stays in the document, and
 * a second copy of the list would duplicate its buttons and labels.
 */
export function backTo(path: string, params: Record<string, string | number | undefined> = {}): void {
  const pages = Taro.getCurrentPages();
  const below = pages[pages.length - 2] as { route?: string } | undefined;
  const route = below?.route ? `/${below.route.replace(/^\//, '').split('?')[0]}` : '';
  if (route === path) void Taro.navigateBack();
  else void Taro.redirectTo({ url: pageUrl(path, params) });
}

/** A short confirmation; resolves true when the user taps 确定. */
export async function confirm(title: string, content: string): Promise<boolean> {
  // The brand colour (styles/theme.scss $brand) rather than WeChat's default green, which reads as "success".
  const res = await Taro.showModal({ title, content, confirmText: '确定', cancelText: '取消', confirmColor: '#1f5eff' });
  return res.confirm;
}

export const toast = (title: string, icon: 'success' | 'none' = 'success') =>
  void Taro.showToast({ title, icon, duration: 1800 });
