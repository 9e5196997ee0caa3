import { View } from '@tarojs/components';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { FacetPicker } from '../FacetPicker';
import { Field, TextField } from '../Field';
import { AUDIENCE_KINDS, type BroadcastDraft } from './broadcastForm';
import { GroupPicker } from './GroupPicker';

interface Props {
  draft: BroadcastDraft;
  set: <K extends keyof BroadcastDraft>(key: K, value: BroadcastDraft[K]) => void;
  errors: Record<string, string>;
}

/** Who receives it: every group, the groups whose profile matches regions/topics/audiences, or chosen groups. */
export function AudienceEditor({ draft, set, errors }: Props) {
  return (
    <View className="section">
      <View className="section__title">发送对象</View>
      <Field label="发送范围" error={errors['audience.kind']}>
        <ChoiceChips
          label="发送范围"
          choices={AUDIENCE_KINDS}
          value={draft.audienceKind}
          onChange={(v) => set('audienceKind', v as BroadcastDraft['audienceKind'])}
        />
      </Field>
      {draft.audienceKind === 'all' ? <View className="muted">发送到所有正常的群（机器人在群内）。</View> : null}
      {draft.audienceKind === 'filter' ? (
        <>
          <View className="muted">
            与政策、活动推送相同的匹配规则：群的地区与所选地区重叠（全国与所有地区重叠），且主题重叠或群关键词出现在下方关键词中；双方都指定了对象时对象也要重叠。
          </View>
          <FacetPicker
            kind="regions"
            value={draft.regions}
            onChange={(v) => set('regions', v)}
            error={errors['audience.regions']}
          />
          <FacetPicker kind="topics" value={draft.topics} onChange={(v) => set('topics', v)} error={errors['audience.topics']} />
          <FacetPicker
            kind="audiences"
            value={draft.audiences}
            onChange={(v) => set('audiences', v)}
            error={errors['audience.audiences']}
          />
          <TextField
            label="关键词"
            value={draft.keywords}
            onChange={(v) => set('keywords', v)}
            placeholder="可选，用逗号分隔"
            hint="群画像里的关键词出现在这里时，视同主题相符"
            maxlength={1000}
            error={errors['audience.keywords']}
          />
        </>
      ) : null}
      {draft.audienceKind === 'groups' ? (
        <GroupPicker value={draft.groupIds} onChange={(v) => set('groupIds', v)} error={errors['audience.groupIds']} />
      ) : null}
    </View>
  );
}
