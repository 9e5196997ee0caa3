import { View } from '@tarojs/components';
import { ChoiceChips, toggle } from '../../../components/ChoiceChips';
import { DateTimeField, TimeField } from '../DateTimeField';
import { Field, TextField } from '../Field';
import { draftRepeatPhrase, REPEAT_KINDS, SCHEDULE_KINDS, WEEK_DAYS, type BroadcastDraft } from './broadcastForm';

interface Props {
  draft: BroadcastDraft;
  set: <K extends keyof BroadcastDraft>(key: K, value: BroadcastDraft[K]) => void;
  errors: Record<string, string>;
}

/**
 * When it goes out: now, once at a picked time, or on a recurring schedule built from choices (每天 / 每周X /
 * 每月N日 and a time) and read back as a phrase (每周一 09:00); the organizer never sees or writes a cron.
 */
export function ScheduleEditor({ draft, set, errors }: Props) {
  const phrase = draftRepeatPhrase(draft);
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
        <DateTimeField label="发送时间" required value={draft.at} onChange={(v) => set('at', v)} error={errors['schedule.at']} />
      ) : null}
      {draft.scheduleKind === 'cron' ? (
        <>
          <Field label="重复" required>
            <ChoiceChips
              label="重复"
              choices={REPEAT_KINDS}
              value={draft.repeatEvery}
              onChange={(v) => set('repeatEvery', v as BroadcastDraft['repeatEvery'])}
            />
          </Field>
          {draft.repeatEvery === 'week' ? (
            <Field label="星期" required>
              <ChoiceChips
                label="星期"
                multiple
                choices={WEEK_DAYS}
                value={draft.repeatDays}
                onChange={(v) => set('repeatDays', toggle(draft.repeatDays, v))}
              />
            </Field>
          ) : null}
          {draft.repeatEvery === 'month' ? (
            <TextField
              label="每月几日"
              required
              number
              value={draft.repeatMonthDay}
              onChange={(v) => set('repeatMonthDay', v.replace(/\D/g, ''))}
              maxlength={2}
              hint="1 到 31；没有这一天的月份（如 2 月 30 日）不发送"
            />
          ) : null}
          <TimeField label="发送时刻" required value={draft.repeatTime} onChange={(v) => set('repeatTime', v)} />
          <View className={`org-repeat${phrase ? '' : ' org-repeat--incomplete'}`} role="status" aria-label="重复规则">
            {phrase ? `按「${phrase}」发送（上海时间）` : '请选择重复方式和发送时刻'}
          </View>
          {errors['schedule.cron'] ? (
            <View className="field-error" role="alert">
              {errors['schedule.cron']}
            </View>
          ) : null}
        </>
      ) : null}
    </View>
  );
}
