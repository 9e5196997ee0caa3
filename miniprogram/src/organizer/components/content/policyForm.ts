import { fromLocalInput, toLocalInput } from '../../../lib/format';
import type { OrgPolicy, TagResult } from '../../types';

/** The policy form's state: strings as typed, facets as chosen. */
export interface PolicyDraft {
  title: string;
  docNo: string;
  issuer: string;
  publishedAt: string;
  sourceUrl: string;
  summary: string;
  body: string;
  regions: string[];
  topics: string[];
  audiences: string[];
}

export const POLICY_FIELDS = [
  'title',
  'docNo',
  'issuer',
  'publishedAt',
  'sourceUrl',
  'summary',
  'body',
  'regions',
  'topics',
  'audiences',
] as const;

export const EMPTY_POLICY: PolicyDraft = {
  title: '',
  docNo: '',
  issuer: '',
  publishedAt: '',
  sourceUrl: '',
  summary: '',
  body: '',
  regions: [],
  topics: [],
  audiences: [],
};

export function policyDraftFrom(p: OrgPolicy): PolicyDraft {
  return {
    title: p.title,
    docNo: p.docNo ?? '',
    issuer: p.issuer ?? '',
    publishedAt: toLocalInput(p.publishedAt).replace('T', ' '),
    sourceUrl: p.sourceUrl ?? '',
    summary: p.summary,
    body: p.body ?? '',
    regions: p.regions,
    topics: p.topics,
    audiences: p.audiences,
  };
}

/** The proposed facets, as the form's choices (the organizer corrects them from there). */
export const facetsFromTags = (tags: TagResult) => ({
  regions: tags.regions.map((f) => f.id),
  topics: tags.topics.map((f) => f.id),
  audiences: tags.audiences.map((f) => f.id),
});

/** Checks the browser can make before asking the api, in the api's words. */
export function checkPolicy(d: PolicyDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!d.title.trim()) errors.title = '标题不能为空';
  if (d.publishedAt.trim() && !fromLocalInput(d.publishedAt)) errors.publishedAt = '发布日期格式应为 YYYY-MM-DD HH:mm';
  if (d.sourceUrl.trim() && !/^https?:\/\//.test(d.sourceUrl.trim())) errors.sourceUrl = '原文链接必须以 http(s):// 开头';
  return errors;
}

/** POST/PATCH body: empty optional fields are left out rather than sent blank. */
export function policyBody(d: PolicyDraft): Record<string, unknown> {
  const at = fromLocalInput(d.publishedAt);
  return {
    title: d.title.trim(),
    ...(d.docNo.trim() ? { docNo: d.docNo.trim() } : {}),
    ...(d.issuer.trim() ? { issuer: d.issuer.trim() } : {}),
    ...(at ? { publishedAt: at } : {}),
    ...(d.sourceUrl.trim() ? { sourceUrl: d.sourceUrl.trim() } : {}),
    summary: d.summary,
    body: d.body,
    regions: d.regions,
    topics: d.topics,
    audiences: d.audiences,
  };
}
