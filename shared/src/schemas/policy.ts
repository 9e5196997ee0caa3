import { z } from 'zod';
import { ContentStatus, CsvList, Facets, HttpUrl, IsoDate, LongText, PageQuery, SearchText, ShortText, page } from './common.js';

export const PolicyInput = z
  .object({
    title: ShortText,
    docNo: z.string().trim().max(100).optional(),
    issuer: z.string().trim().max(200).optional(),
    publishedAt: IsoDate.optional(),
    summary: z.string().max(2000).default(''),
    body: LongText.default(''),
    sourceUrl: HttpUrl.optional(),
  })
  .extend(Facets.shape)
  .strict();
export type PolicyInput = z.infer<typeof PolicyInput>;

export const PolicyPatch = PolicyInput.partial().strict();

export const Policy = z.object({
  id: z.string(),
  title: z.string(),
  docNo: z.string().nullable(),
  issuer: z.string().nullable(),
  regions: z.array(z.string()),
  topics: z.array(z.string()),
  audiences: z.array(z.string()),
  publishedAt: z.string().nullable(),
  summary: z.string(),
  body: z.string().optional(),
  sourceUrl: z.string().nullable(),
  status: ContentStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Policy = z.infer<typeof Policy>;
export const PolicyPage = page(Policy);

export const ContentListQuery = PageQuery.extend({
  regions: CsvList.optional(),
  topics: CsvList.optional(),
  audiences: CsvList.optional(),
  q: SearchText.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  /** Organizers may list drafts and archived items; for everyone else only published ones show. */
  status: ContentStatus.optional(),
}).strict();
export type ContentListQuery = z.infer<typeof ContentListQuery>;

export const TagRequest = z.object({ title: ShortText, body: LongText.default('') }).strict();
const TagFacet = z.object({ id: z.string(), label: z.string(), hits: z.array(z.string()) });
export const TagResult = z.object({
  regions: z.array(TagFacet),
  topics: z.array(TagFacet),
  audiences: z.array(TagFacet),
});
