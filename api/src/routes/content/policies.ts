import {
  DuplicateQuery,
  DuplicateResult,
  Policy,
  PolicyInput,
  PolicyPatch,
  SplitRequest,
  SplitResult,
  TagRequest,
  TagResult,
  splitNewsPage,
  tagPolicy,
} from '@techbridge/shared';
import { presentPolicy } from '../../presenters/content.js';
import { contentRoutes } from './crud.js';
import { findDuplicates, foldKey } from './duplicates.js';
import { pushPublished } from '../../broadcasts/published.js';
import { defineRoute, type AnyRoute } from '../define.js';

/** 文号 if present, else the title, folded so punctuation and spacing variants are one policy. */
export function policyDedupKey(p: { docNo?: string | null; title: string }): string {
  return p.docNo?.trim() ? foldKey('doc', p.docNo) : policyTitleKey(p);
}

/** The normalised title alone: a policy re-entered with a 文号 the first copy lacked is still flagged. */
export const policyTitleKey = (p: { title: string }) => foldKey('title', p.title);

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
      handler: async (_ctx, { body }) => tagPolicy(body.title, body.body, { issuer: body.issuer }),
    }),
    defineRoute({
      method: 'post',
      path: '/policies/split',
      access: 'organizer',
      summary: 'Cut a pasted announcement or news page into items, each with proposed facets',
      tags: ['policies'],
      body: SplitRequest,
      response: SplitResult,
      handler: async (_ctx, { body }) => {
        const items = splitNewsPage(body.text);
        // A single announcement without headline markers is one item; the splitter may still find none.
        const found = items.length > 0 ? items : [{ title: body.text.split('\n')[0]!.slice(0, 200), body: body.text }];
        return { items: found.map((i) => ({ ...i, tags: tagPolicy(i.title, i.body) })) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/policies/duplicates',
      access: 'organizer',
      summary: 'Policies already saved with the same 文号 or the same normalised title',
      tags: ['policies'],
      body: DuplicateQuery,
      response: DuplicateResult,
      handler: async (ctx, { body }) => {
        const title = policyTitleKey(body);
        const keys = [
          ...(body.docNo?.trim() ? [{ field: 'dedupKey', value: foldKey('doc', body.docNo), reason: '文号相同' }] : []),
          // Older records carry the title key only as their dedupKey (when they had no 文号).
          { field: 'titleKey', value: title, reason: '标题相同' },
          { field: 'dedupKey', value: title, reason: '标题相同' },
        ];
        return { duplicates: await findDuplicates(ctx.deps.models.Policy, keys, 'title', body.excludeId) };
      },
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
      derive: (merged) => ({ dedupKey: policyDedupKey(merged), titleKey: policyTitleKey(merged) }),
      stampOnPublish: 'publishedAt',
      afterPublish: (ctx, doc) => pushPublished(ctx.deps, 'policy', doc),
    }),
  ];
}
