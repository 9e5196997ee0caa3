import { api, ApiError } from '../api';

/**
 * GET a public item; null when it does not exist. A malformed id (400) counts as missing too: it comes from a
 * hand-edited or truncated link, and "not found" is what the user should read either way.
 */
export async function getOrNull<T>(path: string, id: string | undefined): Promise<T | null> {
  if (!id) return null;
  try {
    return await api.get<T>(`${path}/${encodeURIComponent(id)}`, undefined, { auth: false });
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 400)) return null;
    throw e;
  }
}
