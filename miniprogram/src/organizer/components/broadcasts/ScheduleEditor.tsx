import { View } from '@tarojs/components';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { Field, TextField } from '../Field';
import { SCHEDULE_KINDS, type BroadcastDraft } from './broadcastForm';

interface Props {
  draft: BroadcastDraft;
  set: <K extends keyof BroadcastDraft>(key: K, value: BroadcastDraft[K]) => void;
  errors: Record<string, string>;
}

// The phrases shared/src/schedule.ts parseSchedulePhrase understands (the api converts them to cron).
const CRON_HINT =
  '例如「每天 09:00」「每周一 09:00」「每周一、三 18:30」「工作日 09:00」「每月1日 10:00」，或 5 段 cron 表达式；按上海时间执行';

/** When it goes out: now, once at a time, or on a recurring schedule. */
export function ScheduleEditor({ draft, set, errors }: Props) {
  return (
    <View className="section">
      <View className="section__title">发送安排</View>
      <Field label="发送方式" error={errors['schedule.kind']}>
        <ChoiceChips
          label="发送方式"
          choices={SCHEDULE_KINDS}
          value={draft.scheduleKind}
          onChange={(v) => set('scheduleKind', v as BroadcastDraft['scheduleKind'])}
        />
      </Field>
      {draft.scheduleKind === 'now' ? (
        <View className="muted">保存后立即开始发送（群的免打扰时段和汇总设置仍然生效）。</View>
      ) : null}
      {draft.scheduleKind === 'once' ? (
        <TextField
          label="发送时间"
          value={draft.at}
          onChange={(v) => set('at', v)}
          placeholder="例如 2026-12-01 09:00"
          hint="上海时间，格式 YYYY-MM-DD HH:mm"
          error={errors['schedule.at']}
        />
      ) : null}
      {draft.scheduleKind === 'cron' ? (
        <TextField
          label="重复规则"
          value={draft.cron}
          onChange={(v) => set('cron', v)}
          placeholder="每周一 09:00"
          maxlength={100}
          hint={CRON_HINT}
          error={errors['schedule.cron']}
        />
      ) : null}
    </View>
  );
}
