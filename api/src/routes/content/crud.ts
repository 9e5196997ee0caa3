import type { Context } from 'koa';
import type { Model, Types } from 'mongoose';
import { z, type ZodObject, type ZodType } from 'zod';
import { ContentListQuery, IdParams, page as pageOf } from '@techbridge/shared';
import { conflict, forbidden, notFound } from '../../errors.js';
import { isStaff } from '../../middlewares/auth.js';
import { can, ownerGuard, type Action, type ResourceType } from '../../policies/index.js';
import { audit } from '../../lib/audit.js';
import { isDuplicateKey } from '../../db/duplicateKey.js';
import { facetFilter, sentKeys } from '../../lib/query.js';
import { defineRoute, type AnyRoute } from '../define.js';

/** A lean record of a content model whose raw (schema-inferred) type is `T`. */
export type ContentDoc<T> = T & { _id: Types.ObjectId };

/** What the factory itself reads of a record: its status and, for events, who owns it. */
interface ContentFields {
  status?: string | null;
  createdBy?: Types.ObjectId | null;
  coOrganizers?: Types.ObjectId[] | null;
}

/**
 * One content type (policies, programs, events). `T` is its model's raw document type; `C`, `P`
 * and `Q` are its create, patch and list-query schemas, so the hooks see what the route parsed.
 */
export interface ContentResource<
  T extends ContentFields,
  I extends ZodType = ZodType,
  C extends ZodType = ZodType,
  P extends ZodObject = ZodObject,
  Q extends ZodObject = typeof ContentListQuery,
> {
  /** URL segment and audit target type, e.g. `policies` / `policy`. */
  segment: string;
  noun: string;
  label: string;
  model: (ctx: Context) => Model<T>;
  /** Collections the public list and page are built from: their change tokens guard the read cache. */
  reads: readonly string[];
  create: C;
  patch: P;
  /** The response schema of one record; `present` must produce its input shape (the contract with the app). */
  item: I;
  /** List query schema (the shared facets plus resource-specific filters). */
  listQuery?: Q;
  textFields: string[];
  dateField: string;
  sort: Record<string, 1 | -1>;
  present: (ctx: Context, docs: ContentDoc<T>[], detail: boolean) => Promise<z.input<I>[]>;
  /**
   * Records of this type have owners (events): edits, publishing and archiving ask the policies,
   * and staff see unpublished records only where the policies let them view.
   */
  owned?: ResourceType;
  /** Extra list filters beyond the facets (e.g. event kind, "mine"). */
  extraFilter?: (query: z.infer<Q>, ctx: Context) => Record<string, unknown>;
  /**
   * Fields derived from the merged record (e.g. the policy dedup key). On an edit this is the stored
   * record with the patch over it: it has every field the create schema requires.
   */
  derive?: (merged: z.infer<C>) => Record<string, unknown>;
  /** Publishing sets this date field when it is empty (a policy's 发布日期), never overwriting one the organizer gave. */
  stampOnPublish?: string;
  /** Completes a new draft before it is shown (e.g. reserve an event's short code); may set fields on `doc`. */
  afterCreate?: (ctx: Context, doc: ContentDoc<T>) => Promise<void>;
  /** Runs after the item is published (e.g. plan the broadcast to matching groups). */
  afterPublish?: (ctx: Context, doc: ContentDoc<T>) => Promise<void>;
  /** Checks a new record against current state (e.g. co-organizers are organizer accounts). */
  beforeCreate?: (ctx: Context, body: z.infer<C>) => Promise<void>;
  /** Checks a change against current state (e.g. capacity below seats taken). */
  beforeUpdate?: (ctx: Context, doc: ContentDoc<T>, patch: Partial<z.infer<P>>) => Promise<void>;
  /** Follows a saved change (e.g. seats added: offer them to the waitlist). */
  afterUpdate?: (ctx: Context, doc: ContentDoc<T>, patch: Partial<z.infer<P>>) => Promise<void>;
  /** Saves a change itself (e.g. a versioned move of an event's time); returns the saved record. */
  applyUpdate?: (
    ctx: Context,
    current: ContentDoc<T>,
    fields: Record<string, unknown>,
    ownerGuard: Record<string, unknown>,
  ) => Promise<ContentDoc<T> | null>;
}

/**
 * The routes every content type shares: public list and detail (published only, unless the
 * caller is staff), organizer create/patch/publish/archive, all audited.
 */
export function contentRoutes<
  T extends ContentFields,
  I extends ZodType,
  C extends ZodType,
  P extends ZodObject,
  Q extends ZodObject = typeof ContentListQuery,
>(r: ContentResource<T, I, C, P, Q>): AnyRoute[] {
  // `present` is checked against `item` where a resource is declared; inside this factory the schema is opaque.
  const item: ZodType = r.item;
  const base = `/${r.segment}`;
  const find = async (ctx: Context, id: string) => {
    const doc = await r.model(ctx).findById(id).lean<ContentDoc<T>>();
    // A cancelled event stays readable: the people told about it open its page from the message.
    if (!doc || (doc.status !== 'published' && doc.status !== 'cancelled' && !isStaff(ctx))) throw notFound(r.label);
    if (r.owned && !can(ctx.state.user, 'view', { type: r.owned, ...doc })) throw notFound(r.label);
    return doc;
  };
  const guardFor = (ctx: Context, action: Action) => (r.owned ? ownerGuard(ctx.state.user!, r.owned, action) : {});
  /**
   * Why a conditional write matched nothing: the record is gone (404) or no longer the caller's
   * (403); otherwise the write's own condition did not hold, and the caller decides what to say.
   */
  const explainMiss = async (ctx: Context, id: string, action: Action) => {
    const current = await r.model(ctx).findById(id).lean<ContentDoc<T>>();
    if (!current) throw notFound(r.label);
    if (r.owned && !can(ctx.state.user, action, { type: r.owned, ...current })) {
      throw forbidden(`无权操作他人的${r.label}：仅限其创建者、协办方或管理员`);
    }
  };
  /**
   * One conditional write: the ownership the route table checked is also a condition of the update
   * itself (matchedCount), so an owner removing a co-organizer between that check and this write
   * cannot let the write through. Null when `condition` did not hold.
   */
  const writeOwned = async (ctx: Context, id: string, action: Action, set: Record<string, unknown>, condition = {}) => {
    const res = await r
      .model(ctx)
      .updateOne({ _id: id, ...guardFor(ctx, action), ...condition }, { $set: set }, { runValidators: true });
    if (res.matchedCount === 0) {
      await explainMiss(ctx, id, action);
      return null;
    }
    return r.model(ctx).findById(id).lean<ContentDoc<T>>();
  };
  const setStatus = (status: 'published' | 'archived', verb: string) =>
    defineRoute({
      method: 'post',
      path: `${base}/:id/${verb}`,
      access: 'organizer',
      ...(r.owned ? { owns: { resource: r.owned, action: verb as 'publish' | 'archive' } } : {}),
      summary: `${verb} a ${r.noun}`,
      tags: [r.segment],
      params: IdParams,
      response: item,
      audit: `${r.noun}.${verb}`,
      handler: async (ctx, { params }) => {
        // A cancelled event stays cancelled: its registrants were told, its sign-up closed.
        const notCancelled = { status: { $ne: 'cancelled' } };
        // The date is stamped only where it is still empty, in the same atomic write, so two
        // publishes racing (or a re-publish) keep the first date.
        const stamp = status === 'published' && r.stampOnPublish;
        let doc = stamp
          ? await writeOwned(
              ctx,
              params.id,
              verb as Action,
              { status, [stamp]: ctx.deps.now() },
              { ...notCancelled, [stamp]: null },
            )
          : null;
        doc ??= await writeOwned(ctx, params.id, verb as Action, { status }, notCancelled);
        if (!doc) throw conflict(`已取消的${r.label}不能再${verb === 'publish' ? '发布' : '归档'}`);
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
      response: pageOf(item),
      readCache: { collections: r.reads },
      handler: async (ctx, { query }) => {
        // Parsed by `listQuery` (ContentListQuery or its extension), whose output `Q` names.
        const q = query as z.infer<Q> & z.infer<typeof ContentListQuery>;
        const filter: Record<string, unknown> = {
          ...facetFilter(q, r.textFields, r.dateField),
          ...(r.extraFilter?.(q, ctx) ?? {}),
          status: isStaff(ctx) && q.status ? q.status : 'published',
        };
        const model = r.model(ctx);
        const [docs, total] = await Promise.all([
          model
            .find(filter)
            .sort(r.sort)
            .skip((q.page - 1) * q.pageSize)
            .limit(q.pageSize)
            .lean<ContentDoc<T>[]>(),
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
      response: item,
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
      response: item,
      status: 201,
      audit: `${r.noun}.create`,
      handler: async (ctx, { body }) => {
        const input = body as z.infer<C>;
        await r.beforeCreate?.(ctx, input);
        const fields = { ...(input as Record<string, unknown>), ...(r.derive?.(input) ?? {}) };
        const doc = await r
          .model(ctx)
          .create({ ...fields, status: 'draft', createdBy: ctx.state.user!.id })
          .catch((e: unknown) => {
            throw isDuplicateKey(e) ? conflict(`相同的${r.label}已存在`) : e;
          });
        const created = doc.toObject() as ContentDoc<T>;
        await r.afterCreate?.(ctx, created);
        await audit(ctx, `${r.noun}.create`, r.noun, String(doc._id), { fields: Object.keys(body as object) });
        return (await r.present(ctx, [created], true))[0];
      },
    }),
    defineRoute({
      method: 'patch',
      path: `${base}/:id`,
      access: 'organizer',
      ...(r.owned ? { owns: { resource: r.owned, action: 'update' as const } } : {}),
      summary: `Edit a ${r.noun}`,
      tags: [r.segment],
      params: IdParams,
      body: r.patch,
      response: item,
      audit: `${r.noun}.update`,
      handler: async (ctx, { params, body }) => {
        const patch = sentKeys(body as object, (ctx.request as { body?: unknown }).body);
        const current = await r.model(ctx).findById(params.id).lean<ContentDoc<T>>();
        if (!current) throw notFound(r.label);
        await r.beforeUpdate?.(ctx, current, patch);
        const merged = { ...current, ...patch } as unknown as z.infer<C>;
        const fields = { ...patch, ...(r.derive?.(merged) ?? {}) };
        const action: Action = 'coOrganizers' in patch ? 'shareOwnership' : 'update';
        const doc = r.applyUpdate
          ? await r.applyUpdate(ctx, current, fields, guardFor(ctx, action))
          : await writeOwned(ctx, params.id, action, fields);
        if (!doc) {
          await explainMiss(ctx, params.id, action);
          throw conflict(`${r.label}刚被修改，请刷新后重试`);
        }
        await r.afterUpdate?.(ctx, doc, patch);
        await audit(ctx, `${r.noun}.update`, r.noun, params.id, { fields: Object.keys(patch) });
        return (await r.present(ctx, [doc], true))[0];
      },
    }),
    setStatus('published', 'publish'),
    setStatus('archived', 'archive'),
  ];
}
