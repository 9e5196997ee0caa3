import { AUDIENCES, NATIONAL, REGIONS, TOPICS, regionName } from '@techbridge/shared/taxonomy';
import { ChoiceChips, toggle, type Choice } from './ChoiceChips';
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

/** Multi-select of regions, topics or audiences from the shared taxonomy, as chips. */
export function FacetPicker({ kind, value, onChange, label = FACET_LABELS[kind], hint, error }: Props) {
  const known = new Set(CHOICES[kind].map((c) => c.value));
  const extra = value.filter((v) => !known.has(v)).map((v) => ({ value: v, label: kind === 'regions' ? regionName(v) : v }));
  return (
    <Field label={label} hint={hint} error={error}>
      <ChoiceChips
        label={label}
        multiple
        choices={[...CHOICES[kind], ...extra]}
        value={value}
        onChange={(v) => onChange(toggle(value, v))}
      />
    </Field>
  );
}
