import { View } from '@tarojs/components';
import { DateTimeField } from '../DateTimeField';
import { TextField, ToggleField } from '../Field';
import { QuestionsEditor } from './QuestionsEditor';
import type { EventDraft } from './eventForm';

interface Props {
  draft: EventDraft;
  set: <K extends keyof EventDraft>(key: K, value: EventDraft[K]) => void;
  errors: Record<string, string>;
}

/** Seats, waitlist, approval, the sign-up window and the extra questions. */
export function EventRegistrationSection({ draft, set, errors }: Props) {
  return (
    <View className="section">
      <View className="section__title">报名设置</View>
      <TextField
        label="名额"
        required
        number
        value={draft.capacity}
        onChange={(v) => set('capacity', v)}
        maxlength={6}
        error={errors['registration.capacity']}
      />
      <ToggleField
        label="开放候补"
        checked={draft.waitlistEnabled}
        onChange={(v) => set('waitlistEnabled', v)}
        hint="名额满后可排队候补，有人取消时按顺序递补"
        error={errors['registration.waitlistEnabled']}
      />
      <ToggleField
        label="路演方需审核"
        checked={draft.approvalRequired}
        onChange={(v) => set('approvalRequired', v)}
        hint="以路演方身份报名的需组织者通过后才算报名成功"
        error={errors['registration.approvalRequired']}
      />
      <DateTimeField
        label="报名开放时间"
        value={draft.opensAt}
        onChange={(v) => set('opensAt', v)}
        hint="上海时间；不填表示立即开放"
        error={errors['registration.opensAt']}
      />
      <DateTimeField
        label="报名截止时间"
        value={draft.closesAt}
        onChange={(v) => set('closesAt', v)}
        hint="上海时间；不填表示活动开始前都可报名"
        error={errors['registration.closesAt']}
      />
      <QuestionsEditor questions={draft.questions} onChange={(v) => set('questions', v)} errors={errors} />
    </View>
  );
}
