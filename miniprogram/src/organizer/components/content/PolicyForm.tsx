import { useState } from 'react';
import { View } from '@tarojs/components';
import { PAGES } from '../../../lib/routes';
import { ActionButton } from '../../../components/ActionButton';
import { TextAreaField, TextField } from '../Field';
import type { OrgPolicy, SplitItem, TagResult } from '../../types';
import { EditorFooter } from './EditorFooter';
import { PasteAndSplit } from './PasteAndSplit';
import { TagSection } from './TagSection';
import { useContentEditor } from './useContentEditor';
import {
  checkPolicy,
  EMPTY_POLICY,
  facetsFromTags,
  policyBody,
  policyDraftFrom,
  POLICY_FIELDS,
  type PolicyDraft,
} from './policyForm';

/**
 * A new policy starts from pasted text (split and tagged); an existing one opens on its fields. Either way
 * the organizer corrects the facets by name, adds 文号, issuer, link and summary, and publishes after seeing
 * which groups it will reach.
 */
export function PolicyForm({ policy }: { policy: OrgPolicy | null }) {
  const [draft, setDraft] = useState<PolicyDraft>(() => (policy ? policyDraftFrom(policy) : EMPTY_POLICY));
  const [pasting, setPasting] = useState(!policy);
  const [tags, setTags] = useState<TagResult | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const ed = useContentEditor<OrgPolicy>({
    segment: 'policies',
    initial: policy,
    listPath: PAGES.orgPolicies,
    fields: POLICY_FIELDS,
  });
  const set = <K extends keyof PolicyDraft>(key: K, value: PolicyDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  function pick(item: SplitItem) {
    setDraft({ ...EMPTY_POLICY, title: item.title.slice(0, 200), body: item.body, ...facetsFromTags(item.tags) });
    setTags(item.tags);
    setPasting(false);
  }

  function save(publish: boolean, dupChecked = false) {
    const errors = checkPolicy(draft);
    setLocal(errors);
    if (Object.keys(errors).length > 0) return;
    void ed.save(
      policyBody(draft),
      { title: draft.title.trim(), ...(draft.docNo.trim() ? { docNo: draft.docNo.trim() } : {}) },
      publish,
      dupChecked,
    );
  }

  if (pasting) {
    return (
      <View>
        <PasteAndSplit onPick={pick} />
        <View className="org-footer">
          <ActionButton fill="none" onClick={() => setPasting(false)}>
            跳过，直接填写
          </ActionButton>
        </View>
      </View>
    );
  }

  const errors = { ...ed.errors.fields, ...local };
  return (
    <View>
      {ed.saved ? (
        <View className="muted org-form__status">
          当前状态：{ed.saved.status === 'published' ? '已发布' : ed.saved.status === 'archived' ? '已归档' : '草稿'}
        </View>
      ) : null}
      <View className="section">
        <View className="section__title">基本信息</View>
        <TextField label="标题" required value={draft.title} onChange={(v) => set('title', v)} error={errors.title} />
        <TextField
          label="文号"
          value={draft.docNo}
          onChange={(v) => set('docNo', v)}
          placeholder="如 沪科规〔2024〕3号"
          maxlength={100}
          error={errors.docNo}
        />
        <TextField label="发文机关" value={draft.issuer} onChange={(v) => set('issuer', v)} error={errors.issuer} />
        <TextField
          label="发布日期"
          value={draft.publishedAt}
          onChange={(v) => set('publishedAt', v)}
          placeholder="YYYY-MM-DD HH:mm，留空则发布时自动填写"
          hint="上海时间；留空时以发布时刻为发布日期"
          error={errors.publishedAt}
        />
        <TextField
          label="原文链接"
          value={draft.sourceUrl}
          onChange={(v) => set('sourceUrl', v)}
          placeholder="https://"
          maxlength={2000}
          error={errors.sourceUrl}
        />
        <TextAreaField
          label="摘要"
          value={draft.summary}
          onChange={(v) => set('summary', v)}
          maxlength={2000}
          rows={3}
          error={errors.summary}
        />
        <TextAreaField
          label="正文"
          value={draft.body}
          onChange={(v) => set('body', v)}
          maxlength={100000}
          rows={6}
          error={errors.body}
        />
      </View>
      <TagSection
        source={{ title: draft.title, body: draft.body, issuer: draft.issuer }}
        tags={tags}
        onTags={setTags}
        value={{ regions: draft.regions, topics: draft.topics, audiences: draft.audiences }}
        onChange={(f) => setDraft((d) => ({ ...d, ...f }))}
        errors={errors}
      />
      <EditorFooter editor={ed} onSave={save} />
    </View>
  );
}
