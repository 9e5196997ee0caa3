import { PAGES } from '../../../lib/routes';
import { DateTimeField } from '../DateTimeField';
import { TextAreaField, TextField } from '../Field';
import type { OrgPolicy, SplitItem } from '../../types';
import { ContentForm, useContentForm } from './ContentForm';
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
  const form = useContentForm<PolicyDraft, OrgPolicy>({
    segment: 'policies',
    initial: policy,
    listPath: PAGES.orgPolicies,
    fields: POLICY_FIELDS,
    empty: EMPTY_POLICY,
    draftFrom: policyDraftFrom,
    check: checkPolicy,
    body: policyBody,
    dupQuery: (d) => ({ title: d.title.trim(), ...(d.docNo.trim() ? { docNo: d.docNo.trim() } : {}) }),
  });
  const { draft, field } = form;

  function pick(item: SplitItem) {
    form.picked({ ...EMPTY_POLICY, title: item.title.slice(0, 200), body: item.body, ...facetsFromTags(item.tags) }, item.tags);
  }

  return (
    <ContentForm form={form} onPick={pick} tagSource={{ title: draft.title, body: draft.body, issuer: draft.issuer }}>
      <TextField label="标题" required {...field('title')} />
      <TextField label="文号" placeholder="如 沪科规〔2024〕3号" maxlength={100} {...field('docNo')} />
      <TextField label="发文机关" {...field('issuer')} />
      <DateTimeField label="发布日期" hint="上海时间；不填时以发布时刻为发布日期" {...field('publishedAt')} />
      <TextField label="原文链接" placeholder="https://" maxlength={2000} {...field('sourceUrl')} />
      <TextAreaField label="摘要" maxlength={2000} rows={3} {...field('summary')} />
      <TextAreaField label="正文" maxlength={100000} rows={6} {...field('body')} />
    </ContentForm>
  );
}
