import { useState } from 'react';
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { api } from '../../../lib/api';
import { PAGES } from '../../../lib/routes';
import { eventStatusLabel } from '../../labels';
import type { AudiencePreviewResult, OrgEvent } from '../../types';
import { PublishReview } from '../content/PublishReview';
import { FormBanner } from '../FormBanner';
import { formErrors, NO_ERRORS, type FormErrors } from '../formErrors';
import { backTo, confirm, toast } from '../nav';
import { ActionButton } from '../../../components/ActionButton';
import { EventBasicsSection } from './EventBasicsSection';
import { EventRegistrationSection } from './EventRegistrationSection';
import { CoOrganizersSection } from './CoOrganizersSection';
import { isAdmin, readSession } from '../../../lib/session';
import { checkDraft, draftFrom, EMPTY_EVENT, EVENT_FIELDS, toBody, type EventDraft } from './eventForm';
import { movesTimeOrPlace, noticePreview } from './eventNotice';
import { EventCancelSection } from './EventCancelSection';
import { EventCoverSection } from './EventCoverSection';

/** The list page listens for this to show the tab the saved event is now under. */
export const EVENTS_TAB_EVENT = 'organizer:events:tab';

/**
 * Create or edit an event. A new event is created as a draft on the first save and edited from then on, so
 * 保存草稿 followed by 保存并发布 does not create it twice. 保存并发布 saves, then shows which groups the event
 * will be pushed to (a warning, with the nearest groups, when none) and publishes only on 确认发布.
 */
export function EventForm({ event }: { event: OrgEvent | null }) {
  const [draft, setDraft] = useState<EventDraft>(() => (event ? draftFrom(event) : EMPTY_EVENT));
  const [saved, setSaved] = useState<OrgEvent | null>(event);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [busy, setBusy] = useState<'draft' | 'publish' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [review, setReview] = useState<AudiencePreviewResult | null>(null);

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
      // Moving a published event tells everyone signed up and the groups that got it: say how many first.
      if (saved && movesTimeOrPlace(saved, draft)) {
        const { people, groups } = await noticePreview(saved.id);
        const ok = await confirm('修改时间或地点', `保存后将通知 ${people} 位报名者和 ${groups} 个群。确定保存？`);
        if (!ok) return;
      }
      const body = toBody(draft, !!saved, mayShare);
      const result = saved ? await api.patch<OrgEvent>(`/events/${saved.id}`, body) : await api.post<OrgEvent>('/events', body);
      setSaved(result);
      if (publish && result.status !== 'published') {
        setReview(await api.get<AudiencePreviewResult>(`/events/${result.id}/audience`));
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

  async function confirmPublish() {
    if (!saved) return;
    setBusy('publish');
    try {
      await api.post<OrgEvent>(`/events/${saved.id}/publish`);
      toast('已发布');
      Taro.eventCenter.trigger(EVENTS_TAB_EVENT, 'published');
      backTo(PAGES.orgEvents, { status: 'published' });
    } catch (e) {
      setReview(null);
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
          当前状态：
          {saved.status === 'cancelled'
            ? `${eventStatusLabel(saved.status)}（${saved.cancelReason ?? ''}）`
            : eventStatusLabel(saved.status)}
        </View>
      ) : null}
      <EventBasicsSection draft={draft} set={set} errors={errors.fields} />
      <EventCoverSection event={saved} onChange={setSaved} />
      <EventRegistrationSection draft={draft} set={set} errors={errors.fields} />
      <CoOrganizersSection
        value={draft.coOrganizers}
        onChange={(ids) => set('coOrganizers', ids)}
        editable={mayShare}
        error={errors.fields.coOrganizers}
      />
      {review ? (
        <PublishReview
          preview={review}
          busy={busy !== null}
          onConfirm={() => void confirmPublish()}
          onCancel={() => setReview(null)}
        />
      ) : null}
      <FormBanner message={errors.message} />
      {notice ? (
        <View className="org-notice" role="status">
          {notice}
        </View>
      ) : null}
      {published && saved ? <EventCancelSection event={saved} onCancelled={setSaved} /> : null}
      {review || saved?.status === 'cancelled' ? null : (
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
      )}
    </View>
  );
}
