/**
 * Every ownership question asked in one place: `can(principal, action, resource)`. Routes (through
 * the route table's `owns`), commands and the authorization-matrix test all ask here, so a rule
 * changes in one file (the shape of Outline's `policies/`).
 *
 * The rule: an event belongs to the organizer who created it and to the co-organizers they add;
 * a broadcast to its creator (a publish push, to the owners of its event); a group to its creator when it names one (groups the bot joined or
 * the seed loaded name nobody, and stay open to every organizer). Admins may do everything.
 */
import { isAdmin, isStaff, type Principal } from '../auth/principal.js';
import { forbidden } from '../errors.js';

/** What an organizer can do to an owned record. */
export type Action =
  | 'view'
  | 'update'
  | 'publish'
  | 'archive'
  /** See registrants, approve, reject, check in. */
  | 'manageRegistrations'
  /** Take personal data out (CSV). */
  | 'export'
  /** Schedule or preview a broadcast about the record, or read its audience. */
  | 'broadcast'
  /** Read what its pushes achieved (counts only, no personal data). */
  | 'insights'
  /** Add or remove co-organizers: the owner's (or an admin's) call alone. */
  | 'shareOwnership'
  | 'cancel';

type Id = { toString(): string } | null | undefined;

/** The ownership-bearing fields of a record, whatever collection it came from. */
export type Resource =
  | { type: 'event'; createdBy?: Id; coOrganizers?: Id[] | null; status?: string | null }
  /** A publish push names no creator: it belongs to the owners of the event it announces (`event`). */
  | { type: 'broadcast'; createdBy?: Id; event?: { createdBy?: Id; coOrganizers?: Id[] | null } | null }
  | { type: 'group'; createdBy?: Id };

export type ResourceType = Resource['type'];

const same = (a: Id, id: string) => a != null && String(a) === id;

/** True when `p` owns the record: its creator, or for events one of its co-organizers. */
export function owns(p: Principal, r: Resource): boolean {
  if (same(r.createdBy, p.id)) return true;
  if (r.type === 'broadcast' && r.createdBy == null && r.event) return owns(p, { type: 'event', ...r.event });
  return r.type === 'event' && (r.coOrganizers ?? []).some((c) => same(c, p.id));
}

/** May `p` do `action` to `r`? Admins always; organizers on what they own; nobody else. */
export function can(p: Principal | undefined, action: Action, r: Resource): boolean {
  // A published event is everyone's to read, and so is a cancelled one: the people told about it open it.
  const publicEvent = action === 'view' && r.type === 'event' && (r.status === 'published' || r.status === 'cancelled');
  if (!p) return publicEvent;
  if (isAdmin(p) || publicEvent) return true;
  if (!isStaff(p)) return false;
  // A group nobody created (joined by the bot, seeded) and a policy's push name no owner: shared by all organizers.
  if (r.type === 'group' && r.createdBy == null) return true;
  if (r.type === 'broadcast' && r.createdBy == null && !r.event) return true;
  // Co-organizers run the event but do not hand it on: only the creator shares it.
  if (action === 'shareOwnership') return r.type === 'event' && same(r.createdBy, p.id);
  return owns(p, r);
}

/**
 * `can`, or a 403 in Chinese: for commands and handlers that hold the record already (the route
 * table's `owns` does the same for `:id` routes before the handler runs).
 */
export function authorize(p: Principal | undefined, action: Action, r: Resource, message?: string): void {
  if (!can(p, action, r)) throw forbidden(message ?? `无权操作他人的${RESOURCE_LABELS[r.type]}：仅限其创建者、协办方或管理员`);
}

/**
 * The same rule as `can`, as a filter to add to an update of an owned record, so the write itself
 * is conditional on ownership (checked by matchedCount). Empty for admins.
 */
export function ownerGuard(p: Principal, type: ResourceType, action: Action): Record<string, unknown> {
  if (isAdmin(p)) return {};
  if (type === 'event' && action === 'shareOwnership') return { createdBy: p.id };
  if (type === 'group') return { $and: [{ $or: [{ createdBy: p.id }, { createdBy: null }] }] };
  return { $and: [ownedFilter(p, type, 'mine')] };
}

/** Chinese names for 404s and 403s. */
export const RESOURCE_LABELS: Record<ResourceType, string> = { event: '活动', broadcast: '群发', group: '群' };

/**
 * The MongoDB filter for "records `p` owns" in lists (`scope=mine`), or `{}` when `p` may see all
 * of them. Kept next to `can` so list filters and single-record checks cannot drift apart.
 */
export function ownedFilter(p: Principal, type: ResourceType, scope: 'mine' | 'all'): Record<string, unknown> {
  if (scope === 'all' && isAdmin(p)) return {};
  if (type === 'event') return { $or: [{ createdBy: p.id }, { coOrganizers: p.id }] };
  return { createdBy: p.id };
}
