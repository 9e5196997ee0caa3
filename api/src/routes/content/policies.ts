import { Policy, PolicyInput, PolicyPatch, TagRequest, TagResult, tagPolicy } from '@techbridge/shared';
import { presentPolicy } from '../../presenters/content.js';
import { contentRoutes } from './crud.js';
import { pushPublished } from '../../broadcasts/published.js';
import { defineRoute, type AnyRoute } from '../define.js';

/** 文号 if present, else the title, folded so punctuation and spacing variants are one policy. */
export function policyDedupKey(p: { docNo?: string | null; title: string }): string {
  const raw = p.docNo?.trim() ? `doc:${p.docNo}` : `title:${p.title}`;
  return raw
    .normalize('NFKC')
    .replace(/[\s〔〕[\]()（）【】“”"'《》·,，。.:：-]/g, '')
    .toLowerCase();
}

export function policyRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/policies/tag',
      access: 'organizer',
      summary: 'Propose regions, topics and audiences for a policy text',
      tags: ['policies'],
      body: TagRequest,
      response: TagResult,
      handler: async (_ctx, { body }) => tagPolicy(body.title, body.body),
    }),
    ...contentRoutes({
      segment: 'policies',
      noun: 'policy',
      label: '政策',
      reads: ['policies'],
      model: (ctx) => ctx.deps.models.Policy,
      create: PolicyInput,
      patch: PolicyPatch,
      item: Policy,
      textFields: ['title', 'summary', 'docNo', 'issuer'],
      dateField: 'publishedAt',
      sort: { publishedAt: -1, _id: -1 },
      present: async (_ctx, docs, detail) => docs.map((d) => presentPolicy(d, { withBody: detail })),
      derive: (merged) => ({ dedupKey: policyDedupKey(merged) }),
      afterPublish: (ctx, doc) => pushPublished(ctx.deps, 'policy', doc),
    }),
  ];
}
