import { DuplicateQuery, DuplicateResult, Program, ProgramInput, ProgramPatch } from '@techbridge/shared';
import { z } from 'zod';
import { presentProgram } from '../../presenters/content.js';
import { pushPublished } from '../../broadcasts/published.js';
import { contentRoutes } from './crud.js';
import { findDuplicates, foldKey } from './duplicates.js';
import { defineRoute, type AnyRoute } from '../define.js';

/** The normalised name: the same 支持计划 entered twice under spacing or bracket variants is flagged. */
export const programNameKey = (p: { name: string }) => foldKey('name', p.name);

// Programs have a name and a 计划代号 where policies have a title and a 文号.
const ProgramDuplicateQuery = DuplicateQuery.omit({ title: true, docNo: true })
  .extend({
    name: DuplicateQuery.shape.title,
    code: z.string().trim().max(20, '计划代号不能超过 20 个字符').optional(),
  })
  .strict();

export function programRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/programs/duplicates',
      access: 'organizer',
      summary: 'Programs already saved with the same code or the same normalised name',
      tags: ['programs'],
      body: ProgramDuplicateQuery,
      response: DuplicateResult,
      handler: async (ctx, { body }) => {
        const keys = [
          ...(body.code?.trim() ? [{ field: 'code', value: body.code.trim(), reason: '计划代号相同' }] : []),
          { field: 'nameKey', value: programNameKey(body), reason: '名称相同' },
          // Records saved before nameKey existed still match on the exact name.
          { field: 'name', value: body.name, reason: '名称相同' },
        ];
        return { duplicates: await findDuplicates(ctx.deps.models.Program, keys, 'name', body.excludeId) };
      },
    }),
    ...contentRoutes({
      segment: 'programs',
      noun: 'program',
      label: '支持计划',
      reads: ['programs'],
      model: (ctx) => ctx.deps.models.Program,
      create: ProgramInput,
      patch: ProgramPatch,
      item: Program,
      textFields: ['name', 'summary', 'code', 'issuer'],
      dateField: 'applicationClosesAt',
      sort: { applicationClosesAt: 1, _id: 1 },
      present: async (_ctx, docs) => docs.map(presentProgram),
      derive: (merged) => ({ nameKey: programNameKey(merged) }),
      // Like policies and events, a published program goes to the groups it matches, once.
      afterPublish: (ctx, doc) =>
        pushPublished(ctx.deps, 'program', { _id: doc._id, title: doc.name, regions: doc.regions, topics: doc.topics }),
    }),
  ];
}
