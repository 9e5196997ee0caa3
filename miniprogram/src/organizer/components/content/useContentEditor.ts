import { useState } from 'react';
import { api, ApiError } from '../../../lib/api';
import { formErrors, NO_ERRORS, type FormErrors } from '../formErrors';
import { backTo, toast } from '../nav';
import type { AudiencePreviewResult, ContentStatus, DuplicateHit, DuplicateReply } from '../../types';

interface Saved {
  id: string;
  status: ContentStatus;
}

/**
 * Saving and publishing a policy or program from its form, in the order an organizer needs:
 * duplicate check (same 文号/代号 or same normalised title, flagged before saving twice), save (create once,
 * then edit), and for 发布 the audience preview to confirm, zero groups included, before anything is pushed.
 */
export function useContentEditor<T extends Saved>(opts: {
  segment: 'policies' | 'programs';
  initial: T | null;
  listPath: string;
  fields: readonly string[];
}) {
  const { segment, listPath, fields } = opts;
  const [saved, setSaved] = useState<T | null>(opts.initial);
  const [busy, setBusy] = useState<'draft' | 'publish' | null>(null);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);
  const [notice, setNotice] = useState<string | null>(null);
  const [dups, setDups] = useState<{ hits: DuplicateHit[]; publish: boolean } | null>(null);
  const [review, setReview] = useState<AudiencePreviewResult | null>(null);

  async function save(body: Record<string, unknown>, dupQuery: Record<string, unknown>, publish: boolean, dupChecked = false) {
    setBusy(publish ? 'publish' : 'draft');
    setErrors(NO_ERRORS);
    setNotice(null);
    try {
      if (!dupChecked) {
        const found = await api.post<DuplicateReply>(`/${segment}/duplicates`, {
          ...dupQuery,
          ...(saved ? { excludeId: saved.id } : {}),
        });
        if (found.duplicates.length > 0) {
          setDups({ hits: found.duplicates, publish });
          return;
        }
      }
      setDups(null);
      const result = saved ? await api.patch<T>(`/${segment}/${saved.id}`, body) : await api.post<T>(`/${segment}`, body);
      setSaved(result);
      if (publish && result.status !== 'published') {
        setReview(await api.get<AudiencePreviewResult>(`/${segment}/${result.id}/audience`));
        return;
      }
      setNotice(result.status === 'draft' ? '草稿已保存' : '修改已保存');
      toast('已保存');
    } catch (e) {
      setErrors(formErrors(e, fields));
    } finally {
      setBusy(null);
    }
  }

  async function confirmPublish() {
    if (!saved) return;
    setBusy('publish');
    try {
      await api.post(`/${segment}/${saved.id}/publish`);
      toast('已发布');
      backTo(listPath, { status: 'published' });
    } catch (e) {
      setReview(null);
      setErrors({ fields: {}, message: e instanceof ApiError ? e.message : '发布失败，请稍后重试' });
    } finally {
      setBusy(null);
    }
  }

  return {
    saved,
    busy,
    errors,
    notice,
    dups,
    review,
    save,
    confirmPublish,
    cancelReview: () => setReview(null),
    dismissDups: () => setDups(null),
  };
}
