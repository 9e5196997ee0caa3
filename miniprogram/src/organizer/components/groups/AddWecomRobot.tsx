import { useState } from 'react';
import { View } from '@tarojs/components';
import { api } from '../../../lib/api';
import { go, PAGES } from '../../../lib/routes';
import { ActionButton } from '../../../components/ActionButton';
import type { Group } from '../../types';
import { TextField } from '../Field';
import { FormBanner } from '../FormBanner';
import { formErrors, NO_ERRORS, type FormErrors } from '../formErrors';
import { toast } from '../nav';

const FIELDS = ['topic', 'webhookUrl'] as const;

/**
 * Adds a 企业微信 group by its robot's webhook URL (群设置 → 群机器人 → 复制 Webhook 地址). The api checks the
 * address and keeps the key; from then on only its mask is shown. Then on to the group's settings to set its
 * profile and send a test message.
 */
export function AddWecomRobot() {
  const [open, setOpen] = useState(false);
  const [topic, setTopic] = useState('');
  const [url, setUrl] = useState('');
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);

  async function add() {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      const g = await api.post<Group>('/groups/wecom', { topic: topic.trim(), webhookUrl: url.trim() });
      toast('已添加');
      setUrl('');
      setTopic('');
      setOpen(false);
      go(PAGES.orgGroupEdit, { id: g.id });
    } catch (e) {
      setErrors(formErrors(e, FIELDS));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <View className="org-more">
        <ActionButton size="small" fill="outline" onClick={() => setOpen(true)}>
          添加企业微信群
        </ActionButton>
      </View>
    );
  }
  return (
    <View className="section">
      <View className="section__title">添加企业微信群</View>
      <View className="muted">
        在企业微信群里打开 群设置 → 群机器人，添加机器人后复制它的 Webhook
        地址粘贴到这里。消息由科转通直接发给该机器人，不经过个人微信。
      </View>
      <TextField
        label="群名称"
        required
        value={topic}
        onChange={setTopic}
        placeholder="例如：上海技术转移企业微信群"
        error={errors.fields.topic}
      />
      <TextField
        label="Webhook 地址"
        required
        value={url}
        onChange={setUrl}
        placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…"
        hint="地址中的 key 相当于密码：保存后只显示前后四位"
        maxlength={300}
        error={errors.fields.webhookUrl}
      />
      <FormBanner message={errors.message} />
      <View className="org-footer">
        <ActionButton loading={busy} onClick={() => void add()}>
          添加机器人
        </ActionButton>
        <ActionButton fill="none" disabled={busy} onClick={() => setOpen(false)}>
          取消
        </ActionButton>
      </View>
    </View>
  );
}
