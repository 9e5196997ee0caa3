import { isValidObjectId } from 'mongoose';
import type { Models } from '../models/index.js';
import type { Resource, ResourceType } from './index.js';

/**
 * Loads only the ownership fields of one record, for `can`. Null when it does not exist (or the id
 * cannot be one), so the caller answers 404 exactly as for any missing record.
 */
export async function loadResource(models: Models, type: ResourceType, id: string): Promise<Resource | null> {
  if (!isValidObjectId(id)) return null;
  switch (type) {
    case 'event': {
      const d = await models.Event.findById(id, { createdBy: 1, coOrganizers: 1, status: 1 }).lean();
      return d && { type, createdBy: d.createdBy, coOrganizers: d.coOrganizers ?? [], status: d.status };
    }
    case 'broadcast': {
      const d = await models.Broadcast.findById(id, { createdBy: 1, sourceType: 1, sourceId: 1 }).lean();
      if (!d) return null;
      const event =
        d.sourceType === 'event' ? await models.Event.findById(d.sourceId, { createdBy: 1, coOrganizers: 1 }).lean() : null;
      return { type, createdBy: d.createdBy, event };
    }
    case 'group': {
      const d = await models.Group.findById(id, { createdBy: 1 }).lean();
      return d && { type, createdBy: d.createdBy };
    }
  }
}
