import { View } from '@tarojs/components';
import { isAdmin, readSession } from '../../lib/session';
import type { OwnerScope } from '../types';
import { FilterTabs } from './FilterTabs';

const TABS = [
  { value: 'mine', label: '我的' },
  { value: 'all', label: '全部' },
] as const;

/**
 * 我的 / 全部 above an organizer list. Lists open on 我的 (what I created or co-organize); only admins may
 * act on everyone's records, so only they get the 全部 tab; organizers see a line saying what is listed.
 */
export function ScopeTabs({ what, value, onChange }: { what: string; value: OwnerScope; onChange: (s: OwnerScope) => void }) {
  if (!isAdmin(readSession()?.user)) {
    return <View className="muted org-scope-note">仅显示我创建或协办的{what}</View>;
  }
  return <FilterTabs label={`${what}范围`} tabs={TABS} value={value} onChange={(s) => onChange(s as OwnerScope)} />;
}
