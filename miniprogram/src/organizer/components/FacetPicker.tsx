import { useState } from 'react';
import { Input, View } from '@tarojs/components';
import { AUDIENCES, NATIONAL, REGIONS, REGION_GROUPS, TOPICS, regionName } from '@techbridge/shared/taxonomy';
import { ChoiceChips, toggle, type Choice } from '../../components/ChoiceChips';
import { Field } from './Field';

export type FacetKind = 'regions' | 'topics' | 'audiences';

// Pickers offer 全国 and the provinces; a city or district already on a record (tagged from a document) stays
// listed so it can be seen and removed.
const PROVINCES: Choice[] = REGIONS.filter((r) => r.code === NATIONAL || r.parent === NATIONAL).map((r) => ({
  value: r.code,
  label: r.name,
}));
const CHOICES: Record<FacetKind, Choice[]> = {
  regions: PROVINCES,
  topics: TOPICS.map((t) => ({ value: t.id, label: t.label })),
  audiences: AUDIENCES.map((a) => ({ value: a.id, label: a.label })),
};
export const FACET_LABELS: Record<FacetKind, string> = { regions: '地区', topics: '主题', audiences: '对象' };

interface Props {
  kind: FacetKind;
  value: string[];
  onChange: (value: string[]) => void;
  /** Defaults to 地区 / 主题 / 对象. */
  label?: string;
  hint?: string;
  error?: string;
}

// Cities and districts, found by name (成都, 苏州市): too many for chips, so the organizer types to find one.
const LOCAL = REGIONS.filter((r) => r.parent !== null && r.parent !== NATIONAL);
const findLocal = (q: string) => (q.trim() ? LOCAL.filter((r) => r.aliases.some((a) => a.includes(q.trim()))).slice(0, 8) : []);

/** 长三角, 京津冀 …: tapping one adds all its member regions (or removes them when all are chosen). */
function GroupingChips({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const all = (members: readonly string[]) => members.every((m) => value.includes(m));
  const choices = REGION_GROUPS.map((g) => ({ value: g.id, label: g.name }));
  const on = REGION_GROUPS.filter((g) => all(g.members)).map((g) => g.id);
  const flip = (id: string) => {
    const members = REGION_GROUPS.find((g) => g.id === id)?.members ?? [];
    onChange(all(members) ? value.filter((v) => !members.includes(v)) : [...new Set([...value, ...members])]);
  };
  return <ChoiceChips label="地区组合" multiple choices={choices} value={on} onChange={flip} />;
}

function CitySearch({ value, onChange }: { value: string[]; onChange: (v: string[]) => void }) {
  const [q, setQ] = useState('');
  const found = findLocal(q);
  return (
    <View className="org-subcard">
      <Input
        className="org-input"
        value={q}
        placeholder="输入城市名添加，如 成都"
        nativeProps={process.env.TARO_ENV === 'h5' ? { 'aria-label': '添加城市' } : undefined}
        onInput={(e) => setQ(e.detail.value)}
      />
      {found.length > 0 ? (
        <ChoiceChips
          label="城市搜索结果"
          multiple
          choices={found.map((r) => ({ value: r.code, label: `${r.name}（${regionName(r.parent ?? '')}）` }))}
          value={value}
          onChange={(v) => onChange(toggle(value, v))}
        />
      ) : null}
    </View>
  );
}

/** Multi-select of regions, topics or audiences from the shared taxonomy, as chips (names, never codes). */
export function FacetPicker({ kind, value, onChange, label = FACET_LABELS[kind], hint, error }: Props) {
  const known = new Set(CHOICES[kind].map((c) => c.value));
  const extra = value.filter((v) => !known.has(v)).map((v) => ({ value: v, label: kind === 'regions' ? regionName(v) : v }));
  return (
    <Field label={label} hint={hint} error={error}>
      <ChoiceChips
        label={label}
        multiple
        choices={[...extra, ...CHOICES[kind]]}
        value={value}
        onChange={(v) => onChange(toggle(value, v))}
      />
      {kind === 'regions' ? (
        <>
          <GroupingChips value={value} onChange={onChange} />
          <CitySearch value={value} onChange={onChange} />
        </>
      ) : null}
    </Field>
  );
}
