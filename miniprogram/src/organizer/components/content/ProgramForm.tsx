import { useState } from 'react';
import { PAGES } from '../../../lib/routes';
import { DateTimeField } from '../DateTimeField';
import { TextAreaField, TextField } from '../Field';
import type { OrgProgram, SplitItem } from '../../types';
import { ContentForm, useContentForm } from './ContentForm';
import { facetsFromTags } from './policyForm';
import { checkProgram, EMPTY_PROGRAM, programBody, programDraftFrom, PROGRAM_FIELDS, type ProgramDraft } from './programForm';

const LIST = { hint: '每行一条', rows: 3 };

/** 支持计划, on the same screens as policies: paste and tag, correct by name, duplicate check, preview, publish. */
export function ProgramForm({ program }: { program: OrgProgram | null }) {
  const form = useContentForm<ProgramDraft, OrgProgram>({
    segment: 'programs',
    initial: program,
    listPath: PAGES.orgPrograms,
    fields: PROGRAM_FIELDS,
    empty: EMPTY_PROGRAM,
    draftFrom: programDraftFrom,
    check: checkProgram,
    body: programBody,
    dupQuery: (d) => ({ name: d.name.trim(), ...(d.code.trim() ? { code: d.code.trim() } : {}) }),
  });
  const { draft, field } = form;
  // The pasted announcement: tagging reads it; the program keeps its summary, not the whole text.
  const [text, setText] = useState('');

  function pick(item: SplitItem) {
    setText(item.body);
    form.picked(
      { ...EMPTY_PROGRAM, name: item.title.slice(0, 200), summary: item.body.slice(0, 2000), ...facetsFromTags(item.tags) },
      item.tags,
    );
  }

  return (
    <ContentForm form={form} onPick={pick} tagSource={{ title: draft.name, body: text || draft.summary, issuer: draft.issuer }}>
      <TextField label="计划名称" required {...field('name')} />
      <TextField label="计划代号" placeholder="如 POC" maxlength={20} {...field('code')} />
      <TextField label="发布机构" {...field('issuer')} />
      <TextAreaField label="摘要" maxlength={2000} rows={3} {...field('summary')} />
      <TextAreaField label="申报条件" {...LIST} {...field('eligibility')} />
      <TextAreaField label="支持内容" {...LIST} {...field('benefits')} />
      <DateTimeField label="申报开始" {...field('applicationOpensAt')} />
      <DateTimeField label="申报截止" defaultTime="17:00" {...field('applicationClosesAt')} />
      <TextField label="原文链接" placeholder="https://" maxlength={2000} {...field('sourceUrl')} />
    </ContentForm>
  );
}
