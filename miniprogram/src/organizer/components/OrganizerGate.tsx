import { useState, type ReactNode } from 'react';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { isOrganizer, readSession } from '../../lib/session';
import { goLogin } from '../../lib/routes';
import { ActionButton } from '../../components/ActionButton';

/**
 * Renders its children only for organizers and admins; everyone else gets a clear notice and a way to log in.
 * The children mount only past the gate, so their requests are never made without the role (the api would
 * answer 401/403 anyway; this just says so up front). Re-checked on every show: after logging in and coming
 * back, the page opens without a reload.
 */
export function OrganizerGate({ children }: { children: ReactNode }) {
  const [, setShown] = useState(0);
  useDidShow(() => setShown((n) => n + 1));

  const session = readSession();
  if (isOrganizer(session?.user)) return <>{children}</>;
  return (
    <View className="section org-gate" role="alert">
      <View className="org-gate__title">仅组织者可用</View>
      <View className="muted">{session ? '当前账号没有组织者权限，请使用组织者账号登录。' : '请先使用组织者账号登录。'}</View>
      <View className="org-actions">
        <ActionButton block onClick={goLogin}>
          去登录
        </ActionButton>
      </View>
    </View>
  );
}
