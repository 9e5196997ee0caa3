import type { Context } from 'koa';
import type { Model } from 'mongoose';
import { z, type ZodObject, type ZodType } from 'zod';
import { ContentListQuery, IdParams, page as pageOf } from '@techbridge/shared';
import { conflict, notFound } from '../../errors.js';
import { isStaff } from '../../middlewares/auth.js';
import { audit } from '../../lib/audit.js';
import { facetFilter, sentKeys } from '../../lib/query.js';
import { defineRoute, type AnyRoute } from '../define.js';

/* eslint-disable @typescript-eslint/no-explicit-any -- one factory over three mongoose models */

export interface ContentResource {
  /** URL segment and audit target type, e.g. `policies` / `policy`. */
  segment: string;
  noun: string;
  label: string;
  model: (ctx: Context) => Model<any>;
  /** Collections the public list and page are built from: their change tokens guard the read cache. */
  reads: readonly string[];
  create: ZodType;
  patch: ZodObject;
  item: ZodType;
  /** List query schema (the shared facets plus resource-specific filters). */
  listQuery?: ZodObject;
  textFields: string[];
  dateField: string;
  sort: Record<string, 1 | -1>;
  present: (ctx: Context, docs: any[], detail: boolean) => Promise<unknown[]>;
  /** Extra list filters beyond the facets (e.g. event kind). */
  extraFilter?: (query: any) => Record<string, unknown>;
  /** Fields derived from the merged record (e.g. the policy dedup key). */
  derive?: (merged: any) => Record<string, unknown>;
  /** Completes a new draft before it is shown (e.g. reserve an event's short code); may set fields on `doc`. */
  afterCreate?: (ctx: Context, doc: any) => Promise<void>;
  /** Runs after the item is published (e.g. plan the broadcast to matching groups). */
  afterPublish?: (ctx: Context, doc: any) => Promise<void>;
  /** Checks a change against current state (e.g. capacity below seats taken). */
  beforeUpdate?: (ctx: Context, doc: any, patch: any) => Promise<void>;
  /** Follows a saved change (e.g. seats added: offer them to the waitlist). */
  afterUpdate?: (ctx: Context, doc: any, patch: any) => Promise<void>;
}

/**
 * The routes every content type shares: public list and detail (published only, unless the
 * caller is staff), organizer create/patch/publish/archive, all audited.
 */
export function contentRoutes(r: ContentResource): AnyRoute[] {
  const base = `/${r.segment}`;
  const find = async (ctx: Context, id: string) => {
    const doc: any = await r.model(ctx).findById(id).lean();
    if (!doc || (doc.status !== 'published' && !isStaff(ctx))) throw notFound(r.label);
    return doc;
  };
  const setStatus = (status: 'published' | 'archived', verb: string) =>
    defineRoute({
      method: 'post',
      path: `${base}/:id/${verb}`,
      access: 'organizer',
      summary: `${verb} a ${r.noun}`,
      tags: [r.segment],
      params: IdParams,
      response: r.item,
      audit: `${r.noun}.${verb}`,
      handler: async (ctx, { params }) => {
        const doc = await r.model(ctx).findByIdAndUpdate(params.id, { $set: { status } }, { new: true }).lean();
        if (!doc) throw notFound(r.label);
        await audit(ctx, `${r.noun}.${verb}`, r.noun, params.id, { status });
        if (status === 'published') await r.afterPublish?.(ctx, doc);
        return (await r.present(ctx, [doc], true))[0];
      },
    });

  return [
    defineRoute({
      method: 'get',
      path: base,
      access: 'public',
      summary: `List ${r.segment}`,
      tags: [r.segment],
      query: r.listQuery ?? ContentListQuery,
      response: pageOf(r.item),
      readCache: { collections: r.reads },
      handler: async (ctx, { query }) => {
        const q = query as z.infer<typeof ContentListQuery>;
        const filter: Record<string, unknown> = {
          ...facetFilter(q, r.textFields, r.dateField),
          ...(r.extraFilter?.(q) ?? {}),
          status: isStaff(ctx) && q.status ? q.status : 'published',
        };
        const model = r.model(ctx);
        const [docs, total] = await Promise.all([
          model
            .find(filter)
            .sort(r.sort)
            .skip((q.page - 1) * q.pageSize)
            .limit(q.pageSize)
            .lean(),
          model.countDocuments(filter),
        ]);
        return { items: await r.present(ctx, docs, false), total, page: q.page, pageSize: q.pageSize };
      },
    }),
    defineRoute({
      method: 'get',
      path: `${base}/:id`,
      access: 'public',
      summary: `Get one ${r.noun}`,
      tags: [r.segment],
      params: IdParams,
      response: r.item,
      readCache: { collections: r.reads },
      handler: async (ctx, { params }) => (await r.present(ctx, [await find(ctx, params.id)], true))[0],
    }),
    defineRoute({
      method: 'post',
      path: base,
      access: 'organizer',
      summary: `Create a ${r.noun} draft`,
      tags: [r.segment],
      body: r.create,
      response: r.item,
      status: 201,
      audit: `${r.noun}.create`,
      handler: async (ctx, { body }) => {
        const fields = { ...(body as Record<string, unknown>), ...(r.derive?.(body) ?? {}) };
        const doc = await r
          .model(ctx)
          .create({ ...fields, status: 'draft', createdBy: ctx.state.user!.id })
          .catch((e: { code?: number }) => {
            throw e.code === 11000 ? conflict(`相同的${r.label}已存在`) : e;
          });
        const created = doc.toObject();
        await r.afterCreate?.(ctx, created);
        await audit(ctx, `${r.noun}.create`, r.noun, String(doc._id), { fields: Object.keys(body as object) });
        return (await r.present(ctx, [created], true))[0];
      },
    }),
    defineRoute({
      method: 'patch',
      path: `${base}/:id`,
      access: 'organizer',
      summary: `Edit a ${r.noun}`,
      tags: [r.segment],
      params: IdParams,
      body: r.patch,
      response: r.item,
      audit: `${r.noun}.update`,
      handler: async (ctx, { params, body }) => {
        const patch = sentKeys(body as object, (ctx.request as { body?: unknown }).body);
        const current = await r.model(ctx).findById(params.id).lean();
        if (!current) throw notFound(r.label);
        await r.beforeUpdate?.(ctx, current, patch);
        const fields = { ...patch, ...(r.derive?.({ ...current, ...patch }) ?? {}) };
        const doc = await r.model(ctx).findByIdAndUpdate(params.id, { $set: fields }, { new: true, runValidators: true }).lean();
        if (!doc) throw notFound(r.label);
        await r.afterUpdate?.(ctx, doc, patch);
        await audit(ctx, `${r.noun}.update`, r.noun, params.id, { fields: Object.keys(patch) });
        return (await r.present(ctx, [doc], true))[0];
      },
    }),
    setStatus('published', 'publish'),
    setStatus('archived', 'archive'),
  ];
}
