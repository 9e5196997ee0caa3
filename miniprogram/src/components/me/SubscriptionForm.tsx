import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { NATIONAL, REGIONS, TOPICS } from '@techbridge/shared/taxonomy';
import { api, ApiError } from '../../lib/api';
import { updateSessionUser, type SessionUser } from '../../lib/session';
import { ActionButton } from '../ActionButton';
import { ChoiceGroup } from './ChoiceGroup';
import { Field } from './FormField';
import { useToast } from './useToast';

export interface Subscription {
  regions: string[];
  topics: string[];
  notifyConsent: boolean;
}

// Provinces only: national items (000000) reach every region anyway, and cities roll up to their province.
const PROVINCES = REGIONS.filter((r) => r.parent === NATIONAL).map((r) => ({ value: r.code, label: r.name }));
const TOPIC_CHOICES = TOPICS.map((t) => ({ value: t.id, label: t.label }));
const TEMPLATE_IDS = (process.env.TARO_APP_SUBSCRIBE_TEMPLATES ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const CAN_ASK = process.env.TARO_ENV === 'weapp' && TEMPLATE_IDS.length > 0;

const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

/**
 * Ask WeChat for subscribe-message consent. Must run straight from the tap (WeChat requires a user gesture),
 * so it comes before the api call. Returns undefined when the dialog could not be shown, so a stored
 * consent is left alone rather than overwritten with a refusal the user never gave.
 */
async function askConsent(): Promise<boolean | undefined> {
  try {
    // Taro's typing demands `entityIds` (another platform's field); WeChat takes tmplIds alone.
    const option = { tmplIds: TEMPLATE_IDS } as Taro.requestSubscribeMessage.Option;
    const result = (await Taro.requestSubscribeMessage(option)) as unknown as Record<string, string>;
    return TEMPLATE_IDS.some((id) => result[id] === 'accept');
  } catch {
    return undefined;
  }
}

export function SubscriptionForm({ initial }: { initial: Subscription }) {
  const [regions, setRegions] = useState(initial.regions);
  const [topics, setTopics] = useState(initial.topics);
  const [consent, setConsent] = useState(initial.notifyConsent);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { toast, showToast } = useToast();

  const save = async () => {
    setSaving(true);
    setError(null);
    // H5 cannot ask, so it sends no notifyConsent: that keeps one given in the mini-program (same account).
    const notifyConsent = CAN_ASK ? await askConsent() : undefined;
    try {
      const subscription = { regions, topics, ...(notifyConsent === undefined ? {} : { notifyConsent }) };
      const user = await api.patch<SessionUser & { subscription: Subscription }>('/me', { subscription });
      updateSessionUser(user);
      setConsent(user.subscription?.notifyConsent ?? consent);
      showToast('已保存', 'success');
    } catch (e) {
      const message = e instanceof ApiError ? e.message : '保存失败，请稍后重试';
      setError(message);
      showToast(message, 'fail');
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="subscription-form">
      {toast}
      <View className="section">
        <View className="muted">选择关注的地区和主题，有相关政策、项目和活动时将推送给你。</View>
        <Field label="关注地区">
          <ChoiceGroup
            label="关注地区"
            multiple
            className="subscription-regions"
            choices={PROVINCES}
            value={regions}
            onChange={(code) => setRegions((list) => toggle(list, code))}
          />
        </Field>
        <Field label="关注主题">
          <ChoiceGroup
            label="关注主题"
            multiple
            className="subscription-topics"
            choices={TOPIC_CHOICES}
            value={topics}
            onChange={(id) => setTopics((list) => toggle(list, id))}
          />
        </Field>
      </View>
      <View className="section">
        {process.env.TARO_ENV === 'h5' ? (
          <View className="muted">H5 端不支持订阅消息，可在微信小程序中开启提醒</View>
        ) : (
          <View className="muted">
            {consent ? '已开启微信消息提醒' : '保存时将请求发送微信订阅消息的授权，用于活动与政策提醒'}
          </View>
        )}
      </View>
      {error ? (
        <View className="form-error" role="alert">
          {error}
        </View>
      ) : null}
      <View className="form-actions">
        <ActionButton block loading={saving} onClick={() => void save()}>
          保存订阅
        </ActionButton>
      </View>
    </View>
  );
}
