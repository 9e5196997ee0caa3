import { useState } from 'react';
import { View } from '@tarojs/components';
import { api, ApiError } from '../../lib/api';
import type { Session } from '../../lib/session';
import { TextField } from './FormField';
import { ActionButton } from '../ActionButton';

interface Props {
  onDone: (s: Session) => void;
  /** In the mini-program most people use WeChat login, so the password form opens on demand. */
  collapsed?: boolean;
}

/** Organizer/admin password login (`POST /auth/login`); wrong password and rate limits show the api's message. */
export function OrganizerLoginForm({ onDone, collapsed }: Props) {
  const [open, setOpen] = useState(!collapsed);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (!open) {
    return (
      <View className="section">
        <View className="link" onClick={() => setOpen(true)}>
          组织者账号登录 ›
        </View>
      </View>
    );
  }

  const submit = async () => {
    const missing: Record<string, string> = {};
    if (!username.trim()) missing.username = '请输入用户名';
    if (!password) missing.password = '请输入密码';
    setErrors(missing);
    setError(null);
    if (Object.keys(missing).length > 0) return;
    setBusy(true);
    try {
      const body = { username: username.trim(), password };
      // 401 here means a wrong password, not an expired session: no redirect.
      onDone(await api.post<Session>('/auth/login', body, { auth: false, redirectOn401: false }));
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(e.fieldMap());
        // Field problems show under their inputs; anything else (用户名或密码错误, rate limit) goes here.
        setError(e.fields.length > 0 ? null : e.message);
      } else setError('登录失败，请稍后重试');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="section login-form login-form--organizer">
      <View className="section__title">组织者登录</View>
      <TextField
        label="用户名"
        name="login-username"
        value={username}
        onChange={setUsername}
        error={errors.username}
        maxlength={50}
      />
      <TextField
        label="密码"
        name="login-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        password
        maxlength={200}
      />
      {error ? (
        <View className="field-error" role="alert">
          {error}
        </View>
      ) : null}
      <View className="form-actions">
        <ActionButton block loading={busy} onClick={() => void submit()}>
          登录
        </ActionButton>
      </View>
    </View>
  );
}
