import { z } from 'zod';

/** A MongoDB ObjectId as a 24-hex string: anything else is a 400 before it reaches the database. */
export const ObjectIdString = z.string().regex(/^[0-9a-f]{24}$/i, '必须是有效的编号（24 位十六进制）');

/** Administrative region code (000000 = 全国). */
export const RegionCode = z.string().regex(/^\d{6}$/, '地区代码应为 6 位数字');
/** Taxonomy ids are short kebab-case strings; the taxonomy itself lives in taxonomy.ts. */
export const FacetId = z.string().regex(/^[a-z0-9-]{1,40}$/, '分类编号格式不正确');

export const Facets = z.object({
  regions: z.array(RegionCode).max(40).default([]),
  topics: z.array(FacetId).max(40).default([]),
  audiences: z.array(FacetId).max(10).default([]),
});

export const ContentStatus = z.enum(['draft', 'published', 'archived']);
export type ContentStatus = z.infer<typeof ContentStatus>;

/** Mainland mobile number as WeChat users type it. */
export const MainlandMobile = z.string().regex(/^1[3-9]\d{9}$/, '请输入有效的中国大陆手机号');

/** Free search text: a NUL or other control character cannot be part of a database regex (the fuzzer found this). */
export const SearchText = z
  .string()
  .trim()
  .max(100, '搜索词不能超过 100 个字符')
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  .regex(/^[^\u0000-\u001f\u007f-\u009f]*$/, '搜索词包含无效字符');

export const IsoDate = z.coerce.date({ error: '日期时间格式不正确' });

const trimmed = (max: number) => z.string().trim().min(1, '不能为空').max(max, `不能超过 ${max} 个字符`);
export const ShortText = trimmed(200);
export const LongText = z.string().max(100_000, '内容过长');
export const HttpUrl = z.url({ protocol: /^https?$/, error: '链接必须以 http(s):// 开头' }).max(2000);

/** Pagination shared by every list route. */
export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export function page<T extends z.ZodTypeAny>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}

export const IdParams = z.object({ id: ObjectIdString }).strict();

/**
 * Organizer lists: `mine` (what the caller owns or co-organizes, the default in the organizer
 * screens) or `all` (every record; admins only, organizers still get theirs).
 */
export const OwnerScope = z.enum(['mine', 'all']);
export type OwnerScope = z.infer<typeof OwnerScope>;

/** Comma-separated list in a query string: `?regions=310000,110000`. */
export const CsvList = z
  .string()
  .max(500)
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

/**
 * A WeChat room id as the puppet reports it: `<digits>@chatroom` on pad/WeCom protocols
 * (puppet-service), `@@<hex>` on the web protocol (wechat4u, changes across sessions).
 */
export const RoomIdString = z
  .string()
  .trim()
  .regex(/^([^\s@]{1,100}@chatroom|@@[0-9a-zA-Z]{1,200})$/, '群编号格式不正确（应为 …@chatroom 或 @@…）');

export const ErrorBody = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});
