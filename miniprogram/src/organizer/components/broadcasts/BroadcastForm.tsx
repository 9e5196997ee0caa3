import { useState } from 'react';
import { View } from '@tarojs/components';
import { api } from '../../../lib/api';
import { PAGES, replace } from '../../../lib/routes';
import type { Broadcast, BroadcastPreview } from '../../types';
import { TextAreaField, TextField } from '../Field';
import { FormBanner } from '../FormBanner';
import { formErrors, NO_ERRORS, type FormErrors } from '../formErrors';
import { toast } from '../nav';
import { ActionButton } from '../../../components/ActionButton';
import { AudienceEditor } from './AudienceEditor';
import { BROADCAST_FIELDS, checkDraft, EMPTY_BROADCAST, toBody, type BroadcastDraft } from './broadcastForm';
import { PreviewPanel } from './PreviewPanel';
import { ScheduleEditor } from './ScheduleEditor';

/**
 * Compose a broadcast. 预览 sends the same body to POST /broadcasts/preview (a dry run that writes nothing) and
 * shows the recipients with the exact text each gets; 保存群发 creates it and opens its report.
 */
export function BroadcastForm() {
  const [draft, setDraft] = useState<BroadcastDraft>(EMPTY_BROADCAST);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [preview, setPreview] = useState<{ body: string; result: BroadcastPreview } | null>(null);

  const set = <K extends keyof BroadcastDraft>(key: K, value: BroadcastDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(kind: 'preview' | 'save') {
    const local = checkDraft(draft);
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, message: '请按字段下方的提示修改' });
      return;
    }
    const body = toBody(draft);
    setBusy(kind);
    setErrors(NO_ERRORS);
    try {
      if (kind === 'preview') {
        const result = await api.post<BroadcastPreview>('/broadcasts/preview', body);
        setPreview({ body: JSON.stringify(body), result });
      } else {
        const saved = await api.post<Broadcast>('/broadcasts', body);
        toast('群发已保存');
        replace(PAGES.orgBroadcastReport, { id: saved.id });
      }
    } catch (e) {
      setErrors(formErrors(e, BROADCAST_FIELDS));
    } finally {
      setBusy(null);
    }
  }

  const f = errors.fields;
  return (
    <View>
      <View className="section">
        <View className="section__title">群发内容</View>
        <TextField
          label="群发标题"
          required
          value={draft.title}
          onChange={(v) => set('title', v)}
          error={f.title}
          hint="群里收到的第一行：【通知】+ 标题"
        />
        <TextAreaField
          label="群发内容"
          required
          value={draft.text}
          onChange={(v) => set('text', v)}
          maxlength={1500}
          rows={6}
          error={f.text}
        />
      </View>
      <AudienceEditor draft={draft} set={set} errors={f} />
      <ScheduleEditor draft={draft} set={set} errors={f} />
      <FormBanner message={errors.message} />
      <View className="org-footer">
        <ActionButton fill="outline" loading={busy === 'preview'} disabled={busy !== null} onClick={() => void submit('preview')}>
          预览
        </ActionButton>
        <ActionButton loading={busy === 'save'} disabled={busy !== null} onClick={() => void submit('save')}>
          保存群发
        </ActionButton>
      </View>
      {preview ? <PreviewPanel preview={preview.result} stale={preview.body !== JSON.stringify(toBody(draft))} /> : null}
    </View>
  );
}
