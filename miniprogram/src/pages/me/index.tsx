import { useState } from 'react';
import { View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import { api, ApiError } from '../../lib/api';
import { clearSession, isOrganizer, readSession, updateSessionUser, type SessionUser } from '../../lib/session';
import { go, PAGES } from '../../lib/routes';
import { PageState } from '../../components/PageState';
import { ActionButton } from '../../components/ActionButton';
import { LinkRow } from '../../components/me/LinkRow';
import '../../components/me/me.scss';

/** The "我的" tab: who is signed in, their registrations and subscriptions, and organizer tools. */
export default function Me() {
  const [user, setUser] = useState<SessionUser | null>(() => readSession()?.user ?? null);

  // Shown again after login or a profile change: take the stored user at once, then refresh it from the api.
  useDidShow(() => {
    const session = readSession();
    setUser(session?.user ?? null);
    if (!session) return;
    api
      // An expired token on this tab should just show the login button, not jump to the login page.
      .get<SessionUser>('/me', undefined, { redirectOn401: false })
      .then((fresh) => {
        updateSessionUser(fresh);
        setUser(fresh);
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError && e.status === 401) {
          clearSession();
          setUser(null);
        }
      });
  });

  if (!user) {
    return (
      <View className="me">
        <View className="section me__guest">
          <View className="card__title">登录后可报名活动、查看票码、订阅推送</View>
          <View className="form-actions">
            <ActionButton block onClick={() => go(PAGES.login, { redirect: PAGES.me })}>
              登录
            </ActionButton>
          </View>
        </View>
      </View>
    );
  }

  const logout = () => {
    clearSession();
    setUser(null);
  };

  return (
    <View className="me">
      <PageState loading={false} error={null} data={user}>
        {(u) => (
          <>
            <View className="section me__profile">
              <View className="me__name">{u.name || '未设置昵称'}</View>
              {u.org ? <View className="card__meta">{u.org}</View> : null}
              {u.roles.length > 0 ? (
                <View className="tags">
                  {u.roles.map((r) => (
                    <View key={r} className="tag tag--brand">
                      {r === 'admin' ? '管理员' : '组织者'}
                    </View>
                  ))}
                </View>
              ) : null}
            </View>
            <View className="section">
              <LinkRow text="我的报名" onClick={() => go(PAGES.myRegistrations)} />
              <LinkRow text="我的订阅" onClick={() => go(PAGES.mySubscriptions)} />
            </View>
            {isOrganizer(u) ? (
              <View className="section">
                <View className="section__title">组织者工具</View>
                <LinkRow text="政策管理" onClick={() => go(PAGES.orgPolicies)} />
                <LinkRow text="支持计划管理" onClick={() => go(PAGES.orgPrograms)} />
                <LinkRow text="活动管理" onClick={() => go(PAGES.orgEvents)} />
                <LinkRow text="群发管理" onClick={() => go(PAGES.orgBroadcasts)} />
                <LinkRow text="群组管理" onClick={() => go(PAGES.orgGroups)} />
              </View>
            ) : null}
            <View className="form-actions">
              <ActionButton block type="danger" fill="outline" className="me__logout" onClick={logout}>
                退出登录
              </ActionButton>
            </View>
          </>
        )}
      </PageState>
    </View>
  );
}
