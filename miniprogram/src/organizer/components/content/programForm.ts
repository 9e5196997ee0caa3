import { fromLocalInput, toLocalInput } from '../../../lib/format';
import type { OrgProgram } from '../../types';

/** The program form's state; 申报条件 and 支持内容 are typed one per line. */
export interface ProgramDraft {
  name: string;
  code: string;
  issuer: string;
  summary: string;
  eligibility: string;
  benefits: string;
  applicationOpensAt: string;
  applicationClosesAt: string;
  sourceUrl: string;
  regions: string[];
  topics: string[];
  audiences: string[];
}

export const PROGRAM_FIELDS = [
  'name',
  'code',
  'issuer',
  'summary',
  'eligibility',
  'benefits',
  'applicationOpensAt',
  'applicationClosesAt',
  'sourceUrl',
  'regions',
  'topics',
  'audiences',
] as const;

export const EMPTY_PROGRAM: ProgramDraft = {
  name: '',
  code: '',
  issuer: '',
  summary: '',
  eligibility: '',
  benefits: '',
  applicationOpensAt: '',
  applicationClosesAt: '',
  sourceUrl: '',
  regions: [],
  topics: [],
  audiences: [],
};

const local = (iso: string | null) => toLocalInput(iso).replace('T', ' ');
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function programDraftFrom(p: OrgProgram): ProgramDraft {
  return {
    name: p.name,
    code: p.code ?? '',
    issuer: p.issuer ?? '',
    summary: p.summary,
    eligibility: p.eligibility.join('\n'),
    benefits: p.benefits.join('\n'),
    applicationOpensAt: local(p.applicationOpensAt),
    applicationClosesAt: local(p.applicationClosesAt),
    sourceUrl: p.sourceUrl ?? '',
    regions: p.regions,
    topics: p.topics,
    audiences: p.audiences,
  };
}

export function checkProgram(d: ProgramDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!d.name.trim()) errors.name = '计划名称不能为空';
  if (d.code.trim() && !/^[A-Za-z0-9-]{1,20}$/.test(d.code.trim())) errors.code = '计划代号只能包含字母、数字和连字符';
  for (const key of ['applicationOpensAt', 'applicationClosesAt'] as const) {
    if (d[key].trim() && !fromLocalInput(d[key])) errors[key] = '时间格式应为 YYYY-MM-DD HH:mm';
  }
  const open = fromLocalInput(d.applicationOpensAt);
  const close = fromLocalInput(d.applicationClosesAt);
  if (open && close && open >= close) errors.applicationClosesAt = '申报截止时间必须晚于开始时间';
  if (d.sourceUrl.trim() && !/^https?:\/\//.test(d.sourceUrl.trim())) errors.sourceUrl = '原文链接必须以 http(s):// 开头';
  return errors;
}

export function programBody(d: ProgramDraft): Record<string, unknown> {
  const open = fromLocalInput(d.applicationOpensAt);
  const close = fromLocalInput(d.applicationClosesAt);
  return {
    name: d.name.trim(),
    ...(d.code.trim() ? { code: d.code.trim() } : {}),
    ...(d.issuer.trim() ? { issuer: d.issuer.trim() } : {}),
    summary: d.summary,
    eligibility: lines(d.eligibility),
    benefits: lines(d.benefits),
    ...(open ? { applicationOpensAt: open } : {}),
    ...(close ? { applicationClosesAt: close } : {}),
    ...(d.sourceUrl.trim() ? { sourceUrl: d.sourceUrl.trim() } : {}),
    regions: d.regions,
    topics: d.topics,
    audiences: d.audiences,
  };
}
