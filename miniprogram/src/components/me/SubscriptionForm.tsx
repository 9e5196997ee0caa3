import { useState } from 'react';
import { View } from '@tarojs/components';
import { NATIONAL, REGIONS, TOPICS } from '@techbridge/shared/taxonomy';
import { api, ApiError } from '../../lib/api';
import { updateSessionUser, type SessionUser } from '../../lib/session';
import { ActionButton } from '../ActionButton';
import { ChoiceChips } from '../ChoiceChips';
import { Field } from './FormField';
import { useToast } from './useToast';

export type Subscription = SessionUser['subscription'];

// Provinces only: national items (000000) reach every region anyway, and cities roll up to their province.
const PROVINCES = REGIONS.filter((r) => r.parent === NATIONAL).map((r) => ({ value: r.code, label: r.name }));
const TOPIC_CHOICES = TOPICS.map((t) => ({ value: t.id, label: t.label }));
const toggle = (list: string[], value: string) => (list.includes(value) ? list.filter((v) => v !== value) : [...list, value]);

export function SubscriptionForm({ initial }: { initial: Subscription }) {
  const [regions, setRegions] = useState(initial.regions);
  const [topics, setTopics] = useState(initial.topics);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { toast, showToast } = useToast();

  const save = async () => {
    setSaving(true);
    setError(null);
    // Message consent is asked in 消息提醒 below (one credit per accepted template), not here.
    try {
      const user = await api.patch<SessionUser>('/me', { subscription: { regions, topics } });
      updateSessionUser(user);
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
          <ChoiceChips
            label="关注地区"
            multiple
            className="subscription-regions"
            choices={PROVINCES}
            value={regions}
            onChange={(code) => setRegions((list) => toggle(list, code))}
          />
        </Field>
        <Field label="关注主题">
          <ChoiceChips
            label="关注主题"
            multiple
            className="subscription-topics"
            choices={TOPIC_CHOICES}
            value={topics}
            onChange={(id) => setTopics((list) => toggle(list, id))}
          />
        </Field>
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
