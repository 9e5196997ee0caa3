import { api } from '../../../lib/api';
import type { Broadcast } from '../../types';
import { confirm } from '../nav';

/** Asks, then cancels; messages already sent stay sent, the rest are skipped. Resolves false when not confirmed. */
export async function cancelBroadcast(b: Broadcast): Promise<boolean> {
  const ok = await confirm('取消群发', `取消「${b.title}」后，尚未发出的消息都不再发送。确定取消？`);
  if (!ok) return false;
  await api.post<Broadcast>(`/broadcasts/${b.id}/cancel`);
  return true;
}
