import { Event, IdParams } from '@techbridge/shared';
import { notFound } from '../../errors.js';
import { COVER_MAX_BYTES, makeCover } from '../../images/coverImage.js';
import { readMultipartFile } from '../../images/multipartFile.js';
import { eventCoverSetter } from '../../commands/eventCoverSetter.js';
import { presentWithCounts } from './events.js';
import { defineRoute, type AnyRoute } from '../define.js';

/** An event's cover picture: uploaded by its organizers, served to everyone from the database. */
export function eventCoverRoutes(): AnyRoute[] {
  return [
    defineRoute({
      method: 'post',
      path: '/events/:id/cover',
      access: 'organizer',
      owns: { resource: 'event', action: 'update' },
      summary: 'Upload the cover (multipart/form-data, field `file`: JPEG, PNG or WebP up to 8 MB); stored as a 750×422 JPEG',
      tags: ['events'],
      params: IdParams,
      response: Event,
      audit: 'event.cover',
      handler: async (ctx, { params }) => {
        // Ownership was checked before the body is read: nobody else's upload is even buffered.
        const upload = await readMultipartFile(ctx, { field: 'file', label: '封面图片', maxBytes: COVER_MAX_BYTES });
        const event = await eventCoverSetter(ctx, params.id, await makeCover(upload));
        return (await presentWithCounts(ctx, [event]))[0]!;
      },
    }),
    defineRoute({
      method: 'delete',
      path: '/events/:id/cover',
      access: 'organizer',
      owns: { resource: 'event', action: 'update' },
      summary: 'Remove the cover',
      tags: ['events'],
      params: IdParams,
      response: Event,
      audit: 'event.coverRemove',
      handler: async (ctx, { params }) => (await presentWithCounts(ctx, [await eventCoverSetter(ctx, params.id, null)]))[0]!,
    }),
    defineRoute({
      method: 'get',
      path: '/images/:id',
      access: 'public',
      summary: 'A stored picture; never changes, so it is cached for a year and revalidated by ETag',
      tags: ['events'],
      params: IdParams,
      produces: 'image/jpeg',
      handler: async (ctx, { params }) => {
        const image = await ctx.deps.models.Image.findById(params.id).lean();
        if (!image) throw notFound('图片');
        ctx.set('ETag', image.etag);
        ctx.set('Cache-Control', 'public, max-age=31536000, immutable');
        // helmet's default same-origin would hide it from an H5 build served from another origin.
        ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
        if (ctx.get('if-none-match') === image.etag) {
          ctx.status = 304;
          ctx.body = '';
          return;
        }
        ctx.type = image.contentType;
        // A lean read gives BSON's Binary rather than a Buffer.
        const raw = image.data as unknown;
        ctx.body = Buffer.isBuffer(raw) ? raw : Buffer.from((raw as { buffer: Uint8Array }).buffer);
      },
    }),
  ];
}
