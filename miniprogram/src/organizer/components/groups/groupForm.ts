// The group settings form and its translation to the api's GroupPatch (shared/src/schemas/group.ts).
import type { Group, GroupManager } from '../../types';

export interface GroupDraft {
  regions: string[];
  topics: string[];
  audiences: string[];
  /** Comma-separated, as typed. */
  keywords: string;
  managers: GroupManager[];
  mode: 'instant' | 'digest';
  digestAt: string;
  quiet: boolean;
  quietStart: string;
  quietEnd: string;
}

export const GROUP_FIELDS = [
  'profile.regions',
  'profile.topics',
  'profile.audiences',
  'profile.keywords',
  'managers',
  'delivery.mode',
  'delivery.digestAt',
  'delivery.quietHours',
] as const;

export function draftFrom(g: Group): GroupDraft {
  return {
    regions: g.profile.regions,
    topics: g.profile.topics,
    audiences: g.profile.audiences,
    keywords: g.profile.keywords.join('，'),
    managers: g.managers,
    mode: g.delivery.mode,
    digestAt: g.delivery.digestAt,
    quiet: !!g.delivery.quietHours,
    quietStart: g.delivery.quietHours?.start ?? '22:00',
    quietEnd: g.delivery.quietHours?.end ?? '08:00',
  };
}

export function toBody(d: GroupDraft) {
  const keywords = d.keywords
    .split(/[,，、;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    profile: { regions: d.regions, topics: d.topics, audiences: d.audiences, keywords: [...new Set(keywords)] },
    // A row left blank is dropped rather than sent as an invalid manager.
    managers: d.managers
      .map((m) => ({ contactId: m.contactId.trim(), name: m.name.trim() }))
      .filter((m) => m.contactId || m.name),
    delivery: {
      mode: d.mode,
      digestAt: d.digestAt.trim(),
      quietHours: d.quiet ? { start: d.quietStart.trim(), end: d.quietEnd.trim() } : null,
    },
  };
}
