import { useEffect, useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { api, ApiError } from '../../../lib/api';
import { readSession } from '../../../lib/session';
import type { OrganizerList, OrganizerSummary } from '../../types';
import { ChoiceChips, toggle } from '../../../components/ChoiceChips';
import { Field, TextField } from '../Field';

interface Props {
  value: string[];
  onChange: (ids: string[]) => void;
  /** Only the creator or an admin changes co-organizers; others see who they are. */
  editable: boolean;
  error?: string;
}

const nameOf = (o: OrganizerSummary) => o.name || o.username || `主办方 ${o.id.slice(-6)}`;

/**
 * Co-organizers (协办方): other organizer accounts who may edit the event, see its registrants, check
 * people in and export. Picked by name from GET /organizers; the caller is left out of the choices.
 */
export function CoOrganizersSection({ value, onChange, editable, error }: Props) {
  const me = readSession()?.user.id;
  const [q, setQ] = useState('');
  const [found, setFound] = useState<OrganizerSummary[]>([]);
  const [loadError, setLoadError] = useState<string | null>(null);
  // Names of everyone seen so far, so chosen co-organizers keep their name when a search hides them.
  const known = useRef(new Map<string, OrganizerSummary>());

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      api
        .get<OrganizerList>('/organizers', { q: q.trim() || undefined })
        .then((r) => {
          if (!live) return;
          for (const o of r.items) known.current.set(o.id, o);
          setFound(r.items);
          setLoadError(null);
        })
        .catch((e: unknown) => live && setLoadError(e instanceof ApiError ? e.message : '主办方列表加载失败'));
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [q]);

  const chosen = value.map((id) => known.current.get(id) ?? { id, name: null, username: null });
  const choices = [...chosen, ...found.filter((o) => !value.includes(o.id))]
    .filter((o) => o.id !== me)
    .map((o) => ({ value: o.id, label: nameOf(o) }));

  return (
    <View className="section">
      <View className="section__title">协办方</View>
      {editable ? (
        <>
          <TextField label="查找主办方" value={q} onChange={setQ} placeholder="输入姓名或用户名" maxlength={50} />
          <Field label="协办方" hint="协办方可以编辑活动、查看报名、签到和导出名单" error={error ?? loadError ?? undefined}>
            <ChoiceChips label="协办方" multiple choices={choices} value={value} onChange={(id) => onChange(toggle(value, id))} />
          </Field>
        </>
      ) : (
        <View className="muted org-coorg">
          {chosen.length ? chosen.map((o) => <View key={o.id}>{nameOf(o)}</View>) : '暂无协办方'}
          <View>（仅活动创建者或管理员可以更改）</View>
        </View>
      )}
    </View>
  );
}
