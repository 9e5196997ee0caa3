import { View } from '@tarojs/components';
import { EVENT_KINDS } from '@techbridge/shared/taxonomy';
import { ChoiceChips } from '../../../components/ChoiceChips';
import { FacetPicker } from '../FacetPicker';
import { DateTimeField } from '../DateTimeField';
import { Field, TextAreaField, TextField } from '../Field';
import type { EventDraft } from './eventForm';

// ChoiceChips hands back one of these ids as a plain string.
const KINDS = EVENT_KINDS.map((k) => ({ value: k.id, label: k.label }));

interface Props {
  draft: EventDraft;
  set: <K extends keyof EventDraft>(key: K, value: EventDraft[K]) => void;
  errors: Record<string, string>;
}

/** What the event is, when and where, and who it is for. */
export function EventBasicsSection({ draft, set, errors }: Props) {
  return (
    <View className="section">
      <View className="section__title">基本信息</View>
      <TextField label="标题" required value={draft.title} onChange={(v) => set('title', v)} error={errors.title} />
      <Field label="类型" required error={errors.kind}>
        <ChoiceChips label="类型" choices={KINDS} value={draft.kind} onChange={(v) => set('kind', v as EventDraft['kind'])} />
      </Field>
      <TextAreaField
        label="简介"
        value={draft.summary}
        onChange={(v) => set('summary', v)}
        maxlength={2000}
        rows={3}
        hint="列表和推送消息里显示的一两句话"
        error={errors.summary}
      />
      <TextAreaField
        label="详情"
        value={draft.description}
        onChange={(v) => set('description', v)}
        maxlength={20000}
        rows={6}
        error={errors.description}
      />
      <DateTimeField
        label="开始时间"
        required
        value={draft.startsAt}
        onChange={(v) => set('startsAt', v)}
        error={errors.startsAt}
      />
      <DateTimeField
        label="结束时间"
        value={draft.endsAt}
        onChange={(v) => set('endsAt', v)}
        hint="上海时间；可不填"
        error={errors.endsAt}
      />
      <TextField label="场地" value={draft.venue} onChange={(v) => set('venue', v)} error={errors.venue} />
      <TextField label="地址" value={draft.address} onChange={(v) => set('address', v)} maxlength={300} error={errors.address} />
      <TextField
        label="线上链接"
        value={draft.onlineUrl}
        onChange={(v) => set('onlineUrl', v)}
        placeholder="https://…"
        maxlength={2000}
        error={errors.onlineUrl}
      />
      <TextField label="主办方" value={draft.organizer} onChange={(v) => set('organizer', v)} error={errors.organizer} />
      <FacetPicker
        kind="regions"
        value={draft.regions}
        onChange={(v) => set('regions', v)}
        hint="发布后推送到这些地区的群"
        error={errors.regions}
      />
      <FacetPicker kind="topics" value={draft.topics} onChange={(v) => set('topics', v)} error={errors.topics} />
      <FacetPicker kind="audiences" value={draft.audiences} onChange={(v) => set('audiences', v)} error={errors.audiences} />
    </View>
  );
}
