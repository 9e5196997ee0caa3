import { api, type Page } from '../../../lib/api';
import type { Group } from '../../types';

/** Every group profile, page by page (the api serves at most 100 per page). */
export async function loadAllGroups(): Promise<Group[]> {
  const all: Group[] = [];
  for (let page = 1; page <= 50; page++) {
    const res = await api.get<Page<Group>>('/groups', { page, pageSize: 100 });
    all.push(...res.items);
    if (all.length >= res.total || res.items.length === 0) break;
  }
  return all;
}
