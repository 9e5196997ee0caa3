import { Program, ProgramInput, ProgramPatch } from '@techbridge/shared';
import { presentProgram } from '../../presenters/content.js';
import { contentRoutes } from './crud.js';
import type { AnyRoute } from '../define.js';

export function programRoutes(): AnyRoute[] {
  return contentRoutes({
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
  });
}
