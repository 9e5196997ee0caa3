import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { api, ApiError } from '../../lib/api';
import type { Session } from '../../lib/session';
import { TextField } from './FormField';
import { ActionButton } from '../ActionButton';

const OPENID_KEY = 'techbridge.h5openid';

/**
 * This browser's trial identity. Kept in storage so logging in again (after logout or token expiry) finds the
 * same account and its registrations, instead of creating a new user each time.
 */
function browserOpenid(): string {
  const saved = Taro.getStorageSync(OPENID_KEY) as string;
  if (typeof saved === 'string' && /^[A-Za-z0-9_-]{3,64}$/.test(saved)) return saved;
  const fresh = `h5-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  Taro.setStorageSync(OPENID_KEY, fresh);
  return fresh;
}

/** H5 trial login (`POST /auth/dev`); the api refuses it in production with a Chinese message we show. */
export function DevLoginForm({ onDone }: { onDone: (s: Session) => void }) {
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      const body = { openid: browserOpenid(), ...(name.trim() ? { name: name.trim() } : {}) };
      onDone(await api.post<Session>('/auth/dev', body, { auth: false, redirectOn401: false }));
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="section login-form login-form--dev">
      <View className="section__title">访客体验</View>
      <TextField label="昵称" name="login-nickname" value={name} onChange={setName} placeholder="选填" maxlength={50} />
      {error ? (
        <View className="field-error" role="alert">
          {error}
        </View>
      ) : null}
      <View className="form-actions">
        <ActionButton block loading={busy} onClick={() => void submit()}>
          体验登录
        </ActionButton>
      </View>
    </View>
  );
}
