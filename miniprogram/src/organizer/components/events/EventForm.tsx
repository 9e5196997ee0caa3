import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../../lib/api';
import { PAGES } from '../../../lib/routes';
import type { OrgEvent } from '../../types';
import { FormBanner } from '../FormBanner';
import { formErrors, NO_ERRORS, type FormErrors } from '../formErrors';
import { backTo, toast } from '../nav';
import { ActionButton } from '../../../components/ActionButton';
import { EventBasicsSection } from './EventBasicsSection';
import { EventRegistrationSection } from './EventRegistrationSection';
import { CoOrganizersSection } from './CoOrganizersSection';
import { isAdmin, readSession } from '../../../lib/session';
import { checkDraft, draftFrom, EMPTY_EVENT, EVENT_FIELDS, toBody, type EventDraft } from './eventForm';

/** The list page listens for this to show the tab the saved event is now under. */
export const EVENTS_TAB_EVENT = 'organizer:events:tab';

/**
 * Create or edit an event. A new event is created as a draft on the first save and edited from then on, so
 * 保存草稿 followed by 保存并发布 does not create it twice.
 */
export function EventForm({ event }: { event: OrgEvent | null }) {
  const [draft, setDraft] = useState<EventDraft>(() => (event ? draftFrom(event) : EMPTY_EVENT));
  const [saved, setSaved] = useState<OrgEvent | null>(event);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState<'draft' | 'publish' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const user = readSession()?.user;
  // The creator (or an admin) decides who co-organizes; a new event is the caller's own.
  const mayShare = !saved || isAdmin(user) || saved.ownerId === user?.id;
  const set = <K extends keyof EventDraft>(key: K, value: EventDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function save(publish: boolean) {
    const local = checkDraft(draft);
    if (Object.keys(local).length > 0) {
      setErrors({ fields: local, message: '请按字段下方的提示修改后再保存' });
      setNotice(null);
      return;
    }
    setBusy(publish ? 'publish' : 'draft');
    setErrors(NO_ERRORS);
    setNotice(null);
    try {
      const body = toBody(draft, !!saved, mayShare);
      let result = saved ? await api.patch<OrgEvent>(`/events/${saved.id}`, body) : await api.post<OrgEvent>('/events', body);
      setSaved(result);
      if (publish && result.status !== 'published') result = await api.post<OrgEvent>(`/events/${result.id}/publish`);
      if (publish) {
        toast('已发布');
        Taro.eventCenter.trigger(EVENTS_TAB_EVENT, 'published');
        backTo(PAGES.orgEvents, { status: 'published' });
        return;
      }
      setNotice(result.status === 'draft' ? '草稿已保存' : '修改已保存');
      toast('已保存');
    } catch (e) {
      setErrors(formErrors(e, EVENT_FIELDS));
    } finally {
      setBusy(null);
    }
  }

  const published = saved?.status === 'published';
  return (
    <View>
      {saved ? (
        <View className="muted org-form__status">
          当前状态：{published ? '已发布' : saved.status === 'archived' ? '已归档' : '草稿'}
        </View>
      ) : null}
      <EventBasicsSection draft={draft} set={set} errors={errors.fields} />
      <EventRegistrationSection draft={draft} set={set} errors={errors.fields} />
      <CoOrganizersSection
        value={draft.coOrganizers}
        onChange={(ids) => set('coOrganizers', ids)}
        editable={mayShare}
        error={errors.fields.coOrganizers}
      />
      <FormBanner message={errors.message} />
      {notice ? (
        <View className="org-notice" role="status">
          {notice}
        </View>
      ) : null}
      <View className="org-footer">
        {/* A published event is only saved: publishing again would change nothing. */}
        <ActionButton fill="outline" loading={busy === 'draft'} disabled={busy !== null} onClick={() => void save(false)}>
          {published ? '保存修改' : '保存草稿'}
        </ActionButton>
        {published ? null : (
          <ActionButton loading={busy === 'publish'} disabled={busy !== null} onClick={() => void save(true)}>
            保存并发布
          </ActionButton>
        )}
      </View>
    </View>
  );
}
