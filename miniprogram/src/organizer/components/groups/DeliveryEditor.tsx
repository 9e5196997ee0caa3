import { View } from '@tarojs/components';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { TimeField } from '../DateTimeField';
import { Field, ToggleField } from '../Field';
import type { GroupDraft } from './groupForm';

const MODES = [
  { value: 'instant', label: '即时推送' },
  { value: 'digest', label: '每日汇总' },
] as const;

interface Props {
  draft: GroupDraft;
  set: <K extends keyof GroupDraft>(key: K, value: GroupDraft[K]) => void;
  errors: Record<string, string>;
}

/** How pushes reach the group: one by one or as a daily digest, and hours in which nothing is posted. */
export function DeliveryEditor({ draft, set, errors }: Props) {
  return (
    <View className="section">
      <View className="section__title">推送设置</View>
      <Field label="推送方式" error={errors['delivery.mode']}>
        <ChoiceChips label="推送方式" choices={MODES} value={draft.mode} onChange={(v) => set('mode', v as GroupDraft['mode'])} />
      </Field>
      {draft.mode === 'digest' ? (
        <TimeField
          label="汇总时间"
          value={draft.digestAt}
          onChange={(v) => set('digestAt', v)}
          hint="每天在这个时间（上海时间）把当天的推送合并成一条发出"
          error={errors['delivery.digestAt']}
        />
      ) : null}
      <ToggleField
        label="免打扰时段"
        checked={draft.quiet}
        onChange={(v) => set('quiet', v)}
        hint="时段内的消息顺延到结束后发送；开始晚于结束表示跨夜，如 22:00 至 08:00"
        error={errors['delivery.quietHours']}
      />
      {draft.quiet ? (
        <>
          <TimeField
            label="免打扰开始"
            value={draft.quietStart}
            onChange={(v) => set('quietStart', v)}
            error={errors['delivery.quietHours.start']}
          />
          <TimeField
            label="免打扰结束"
            value={draft.quietEnd}
            onChange={(v) => set('quietEnd', v)}
            error={errors['delivery.quietHours.end']}
          />
        </>
      ) : null}
    </View>
  );
}
