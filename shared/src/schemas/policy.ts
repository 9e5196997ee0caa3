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

export const TagRequest = z
  .object({
    title: ShortText,
    body: LongText.default(''),
    /** 发文机关: a region it names weighs like one in the title. */
    issuer: z.string().trim().max(200, '发文机关不能超过 200 个字符').optional(),
  })
  .strict();
const TagFacet = z.object({ id: z.string(), label: z.string(), hits: z.array(z.string()) });
export const TagResult = z.object({
  regions: z.array(TagFacet),
  topics: z.array(TagFacet),
  audiences: z.array(TagFacet),
});
export type TagResult = z.infer<typeof TagResult>;

/** A pasted announcement or a whole news page, cut into items by the news-page splitter. */
export const SplitRequest = z
  .object({ text: z.string().trim().min(1, '请粘贴公告或新闻正文').max(100_000, '正文过长') })
  .strict();
export const SplitResult = z.object({
  items: z.array(z.object({ title: z.string(), body: z.string(), tags: TagResult })),
});
export type SplitResult = z.infer<typeof SplitResult>;

/** Is this policy (or program) already saved? Asked before saving, so the same text is not published twice. */
export const DuplicateQuery = z
  .object({
    title: ShortText,
    docNo: z.string().trim().max(100, '文号不能超过 100 个字符').optional(),
    /** The record being edited, which is not its own duplicate. */
    excludeId: z
      .string()
      .regex(/^[0-9a-f]{24}$/i, '编号格式不正确')
      .optional(),
  })
  .strict();
export const DuplicateResult = z.object({
  duplicates: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      docNo: z.string().nullable(),
      status: ContentStatus,
      /** Why it counts as the same: 文号相同 or 标题相同. */
      reason: z.string(),
    }),
  ),
});
export type DuplicateResult = z.infer<typeof DuplicateResult>;
