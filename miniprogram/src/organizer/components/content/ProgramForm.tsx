import { useState } from 'react';
import { View } from '@tarojs/components';
import { PAGES } from '../../../lib/routes';
import { ActionButton } from '../../../components/ActionButton';
import { TextAreaField, TextField } from '../Field';
import type { OrgProgram, SplitItem, TagResult } from '../../types';
import { EditorFooter } from './EditorFooter';
import { PasteAndSplit } from './PasteAndSplit';
import { TagSection } from './TagSection';
import { useContentEditor } from './useContentEditor';
import { facetsFromTags } from './policyForm';
import { checkProgram, EMPTY_PROGRAM, programBody, programDraftFrom, PROGRAM_FIELDS, type ProgramDraft } from './programForm';

const TIME_HINT = '上海时间，格式 YYYY-MM-DD HH:mm';

/** 支持计划, on the same screens as policies: paste and tag, correct by name, duplicate check, preview, publish. */
export function ProgramForm({ program }: { program: OrgProgram | null }) {
  const [draft, setDraft] = useState<ProgramDraft>(() => (program ? programDraftFrom(program) : EMPTY_PROGRAM));
  const [pasting, setPasting] = useState(!program);
  // The pasted announcement: tagging reads it; the program keeps its summary, not the whole text.
  const [text, setText] = useState('');
  const [tags, setTags] = useState<TagResult | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const ed = useContentEditor<OrgProgram>({
    segment: 'programs',
    initial: program,
    listPath: PAGES.orgPrograms,
    fields: PROGRAM_FIELDS,
  });
  const set = <K extends keyof ProgramDraft>(key: K, value: ProgramDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  function pick(item: SplitItem) {
    setDraft({
      ...EMPTY_PROGRAM,
      name: item.title.slice(0, 200),
      summary: item.body.slice(0, 2000),
      ...facetsFromTags(item.tags),
    });
    setText(item.body);
    setTags(item.tags);
    setPasting(false);
  }

  function save(publish: boolean, dupChecked = false) {
    const errors = checkProgram(draft);
    setLocal(errors);
    if (Object.keys(errors).length > 0) return;
    void ed.save(
      programBody(draft),
      { name: draft.name.trim(), ...(draft.code.trim() ? { code: draft.code.trim() } : {}) },
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
        <TextField label="计划名称" required value={draft.name} onChange={(v) => set('name', v)} error={errors.name} />
        <TextField
          label="计划代号"
          value={draft.code}
          onChange={(v) => set('code', v)}
          placeholder="如 POC"
          maxlength={20}
          error={errors.code}
        />
        <TextField label="发布机构" value={draft.issuer} onChange={(v) => set('issuer', v)} error={errors.issuer} />
        <TextAreaField
          label="摘要"
          value={draft.summary}
          onChange={(v) => set('summary', v)}
          maxlength={2000}
          rows={3}
          error={errors.summary}
        />
        <TextAreaField
          label="申报条件"
          value={draft.eligibility}
          onChange={(v) => set('eligibility', v)}
          hint="每行一条"
          rows={3}
          error={errors.eligibility}
        />
        <TextAreaField
          label="支持内容"
          value={draft.benefits}
          onChange={(v) => set('benefits', v)}
          hint="每行一条"
          rows={3}
          error={errors.benefits}
        />
        <TextField
          label="申报开始"
          value={draft.applicationOpensAt}
          onChange={(v) => set('applicationOpensAt', v)}
          placeholder="YYYY-MM-DD HH:mm"
          hint={TIME_HINT}
          error={errors.applicationOpensAt}
        />
        <TextField
          label="申报截止"
          value={draft.applicationClosesAt}
          onChange={(v) => set('applicationClosesAt', v)}
          placeholder="YYYY-MM-DD HH:mm"
          hint={TIME_HINT}
          error={errors.applicationClosesAt}
        />
        <TextField
          label="原文链接"
          value={draft.sourceUrl}
          onChange={(v) => set('sourceUrl', v)}
          placeholder="https://"
          maxlength={2000}
          error={errors.sourceUrl}
        />
      </View>
      <TagSection
        source={{ title: draft.name, body: text || draft.summary, issuer: draft.issuer }}
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
