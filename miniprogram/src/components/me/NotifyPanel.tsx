import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import type { NotifySettings } from '@techbridge/shared';
import { askConsent, loadNotifySettings, SUBSCRIPTION_GROUPS } from '../../lib/notify';
import { ActionButton } from '../ActionButton';
import { useToast } from './useToast';

/**
 * 我的订阅 → 消息提醒: every message the person may receive, what it says, and how many each still
 * allows (WeChat's subscriptions are one message per consent). weapp asks WeChat; H5 cannot, so it
 * records consent only where the api runs in development, and otherwise says to use the mini-program.
 */
export function NotifyPanel() {
  const [settings, setSettings] = useState<NotifySettings | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { toast, showToast } = useToast();
  useEffect(() => {
    void loadNotifySettings().then(setSettings);
  }, []);

  if (!settings) return null;
  if (!settings.enabled) {
    return (
      <View className="section notify-panel">
        <View className="muted">消息提醒暂未开通</View>
      </View>
    );
  }
  const browserOnly = process.env.TARO_ENV === 'h5' && !settings.browserConsent;
  const ask = async (label: string, kinds: (typeof SUBSCRIPTION_GROUPS)[number]['kinds']) => {
    setBusy(label);
    const updated = await askConsent(kinds, settings);
    setBusy(null);
    if (updated) {
      setSettings(updated);
      showToast('已订阅', 'success');
    } else showToast('未订阅新的提醒', 'fail');
  };

  return (
    <View className="section notify-panel">
      {toast}
      <View className="card__title">消息提醒</View>
      {settings.templates.map((t) => (
        <View key={t.kind} className={`notify-panel__item notify-panel__item--${t.kind}`}>
          <View>
            {t.title}
            <View className="muted">{t.description}</View>
          </View>
          <View className="notify-panel__credits">{t.credits > 0 ? `可接收 ${t.credits} 条` : '未订阅'}</View>
        </View>
      ))}
      {browserOnly ? (
        <View className="muted">浏览器中无法订阅微信消息，请在微信小程序「我的订阅」中开启</View>
      ) : (
        <View className="form-actions">
          {SUBSCRIPTION_GROUPS.map((g) => (
            <ActionButton key={g.label} block loading={busy === g.label} onClick={() => void ask(g.label, g.kinds)}>
              {`订阅${g.label}提醒${process.env.TARO_ENV === 'h5' ? '（开发模式）' : ''}`}
            </ActionButton>
          ))}
        </View>
      )}
    </View>
  );
}
