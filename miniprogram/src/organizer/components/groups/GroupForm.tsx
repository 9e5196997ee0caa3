import { useState } from 'react';
import { View } from '@tarojs/components';
import { api } from '../../../lib/api';
import { PAGES } from '../../../lib/routes';
import { groupStatusLabel } from '../../labels';
import type { Group } from '../../types';
import { FacetPicker } from '../FacetPicker';
import { TextField } from '../Field';
import { FormBanner } from '../FormBanner';
import { formErrors, NO_ERRORS, type FormErrors } from '../formErrors';
import { backTo, toast } from '../nav';
import { ActionButton } from '../../../components/ActionButton';
import { DeliveryEditor } from './DeliveryEditor';
import { draftFrom, GROUP_FIELDS, toBody, type GroupDraft } from './groupForm';
import { ManagersEditor } from './ManagersEditor';
import { WecomTestCard } from './WecomTestCard';

/** A group's profile (what it wants pushed), managers and delivery settings, saved with one PATCH. */
export function GroupForm({ group }: { group: Group }) {
  const [draft, setDraft] = useState<GroupDraft>(() => draftFrom(group));
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof GroupDraft>(key: K, value: GroupDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function save() {
    setBusy(true);
    setErrors(NO_ERRORS);
    try {
      await api.patch<Group>(`/groups/${group.id}`, toBody(draft));
      toast('已保存');
      backTo(PAGES.orgGroups);
    } catch (e) {
      setErrors(formErrors(e, GROUP_FIELDS));
    } finally {
      setBusy(false);
    }
  }

  const f = errors.fields;
  return (
    <View>
      <View className="section">
        <View className="section__title">群画像</View>
        <View className="card__meta">
          {group.channel === 'wecom' ? '企业微信群' : `群编号 ${group.roomId}`} · {groupStatusLabel(group.status)}
          {group.botAccount ? ` · 机器人账号 ${group.botAccount}` : ''}
        </View>
        <View className="muted">
          推送按群画像匹配：政策和活动的地区与主题（或关键词）都与这里相符时才发到本群；双方都指定了对象时对象也要相符。
        </View>
        <FacetPicker kind="regions" value={draft.regions} onChange={(v) => set('regions', v)} error={f['profile.regions']} />
        <FacetPicker kind="topics" value={draft.topics} onChange={(v) => set('topics', v)} error={f['profile.topics']} />
        <FacetPicker
          kind="audiences"
          value={draft.audiences}
          onChange={(v) => set('audiences', v)}
          error={f['profile.audiences']}
        />
        <TextField
          label="关键词"
          value={draft.keywords}
          onChange={(v) => set('keywords', v)}
          placeholder="可选，用逗号分隔"
          hint="标题或摘要含这些词的内容视同主题相符（地区仍需相符）"
          maxlength={1000}
          error={f['profile.keywords']}
        />
      </View>
      {group.channel === 'wecom' ? <WecomTestCard group={group} /> : null}
      <ManagersEditor managers={draft.managers} onChange={(v) => set('managers', v)} errors={f} />
      <DeliveryEditor draft={draft} set={set} errors={f} />
      <FormBanner message={errors.message} />
      <View className="org-footer">
        <ActionButton loading={busy} onClick={() => void save()}>
          保存设置
        </ActionButton>
      </View>
    </View>
  );
}
