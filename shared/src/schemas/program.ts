import { z } from 'zod';
import { ContentStatus, Facets, HttpUrl, IsoDate, ShortText, page } from './common.js';

export const ProgramFields = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9-]{1,20}$/, '计划代号只能包含字母、数字和连字符')
      .optional(),
    name: ShortText,
    issuer: z.string().trim().max(200).optional(),
    summary: z.string().max(2000).default(''),
    eligibility: z.array(z.string().trim().min(1).max(500)).max(30).default([]),
    benefits: z.array(z.string().trim().min(1).max(500)).max(30).default([]),
    applicationOpensAt: IsoDate.optional(),
    applicationClosesAt: IsoDate.optional(),
    sourceUrl: HttpUrl.optional(),
  })
  .extend(Facets.shape)
  .strict();

export const ProgramInput = ProgramFields.refine(
  (p) => !p.applicationOpensAt || !p.applicationClosesAt || p.applicationOpensAt < p.applicationClosesAt,
  {
    path: ['applicationClosesAt'],
    message: '申报截止时间必须晚于开始时间',
  },
);
export type ProgramInput = z.infer<typeof ProgramInput>;
export const ProgramPatch = ProgramFields.partial().strict();

export const Program = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  issuer: z.string().nullable(),
  summary: z.string(),
  eligibility: z.array(z.string()),
  benefits: z.array(z.string()),
  regions: z.array(z.string()),
  topics: z.array(z.string()),
  audiences: z.array(z.string()),
  applicationOpensAt: z.string().nullable(),
  applicationClosesAt: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  status: ContentStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Program = z.infer<typeof Program>;
export const ProgramPage = page(Program);
