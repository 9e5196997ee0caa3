import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import './organizer.scss';

/** The page's title as a heading (H5 has no navigation bar) and its main actions on the right. */
export function PageHeader({ title, sub, children }: { title: string; sub?: ReactNode; children?: ReactNode }) {
  return (
    <View className="org-header">
      <View className="org-header__text">
        <View className="org-header__title" role="heading" aria-level={1}>
          {title}
        </View>
        {sub ? <View className="muted">{sub}</View> : null}
      </View>
      {children ? <View className="org-header__actions">{children}</View> : null}
    </View>
  );
}
