import { useEffect } from 'react';
import Taro from '@tarojs/taro';

/** Show the loaded item's title in the navigation bar (the document title on H5). */
export function useNavTitle(title: string | undefined): void {
  useEffect(() => {
    if (title) void Taro.setNavigationBarTitle({ title }).catch(() => undefined);
  }, [title]);
}
