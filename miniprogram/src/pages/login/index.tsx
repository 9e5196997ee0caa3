import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { api, ApiError } from '../../lib/api';
import { saveSession, takeLogoutNotice, type Session } from '../../lib/session';
import { returnTo } from '../../lib/routes';
import { DevLoginForm } from '../../components/me/DevLoginForm';
import { OrganizerLoginForm } from '../../components/me/OrganizerLoginForm';
import './index.scss';
import { ActionButton } from '../../components/ActionButton';

const IS_WEAPP = process.env.TARO_ENV === 'weapp';

/** Login: WeChat one-tap in the mini-program; a trial login on H5; organizers sign in with a password. */
export default function Login() {
  const { params } = useRouter();
  // Read once: the notice is shown on this visit to the login page only.
  const [notice] = useState(takeLogoutNotice);
  const finish = (session: Session) => {
    saveSession(session);
    returnTo(params.redirect);
  };

  return (
    <View className="login">
      <View className="login__brand">
        <View className="login__title">科转通</View>
        <View className="muted">政策、项目与活动，一站直达</View>
      </View>
      {notice ? (
        <View className="field-error login__notice" role="alert">
          您已退出登录：{notice}
        </View>
      ) : null}
      {IS_WEAPP ? <WechatLogin onDone={finish} /> : <DevLoginForm onDone={finish} />}
      <OrganizerLoginForm onDone={finish} collapsed={IS_WEAPP} />
    </View>
  );
}

function WechatLogin({ onDone }: { onDone: (s: Session) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const login = async () => {
    setBusy(true);
    setError(null);
    try {
      const { code } = await Taro.login();
      onDone(await api.post<Session>('/auth/wechat', { code }, { auth: false, redirectOn401: false }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '微信登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="section">
      <ActionButton block loading={busy} onClick={() => void login()}>
        微信一键登录
      </ActionButton>
      {error ? (
        <View className="field-error login__error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}
