import { ScrollView, Text, View } from '@tarojs/components';
import type { ChipOption } from '../../lib/browse/facets';
import './browse.scss';

interface Props {
  /** Visible label of the row, also its accessible name (e.g. 省份). */
  label: string;
  options: readonly ChipOption[];
  /** The selected value; '' is the "全部" chip. */
  value: string;
  onChange: (value: string) => void;
  /** Text of the leading chip that clears the filter; null for rows without one. */
  allLabel?: string | null;
  className?: string;
}

/** One single-choice filter as a row of chips that scrolls sideways (31 provinces do not fit on a phone). */
export function FilterChips({ label, options, value, onChange, allLabel = '全部', className }: Props) {
  const all = allLabel === null ? options : [{ value: '', label: allLabel }, ...options];
  return (
    <View className={`filter-row ${className ?? ''}`} role="group" aria-label={label}>
      <Text className="filter-row__label">{label}</Text>
      <ScrollView className="filter-row__scroll" scrollX enhanced showScrollbar={false}>
        {all.map((o) => {
          const active = o.value === value;
          return (
            <View
              key={o.value || '__all'}
              className={active ? 'filter-chip filter-chip--active' : 'filter-chip'}
              role="button"
              aria-pressed={active}
              onClick={() => onChange(o.value)}
            >
              {o.label}
            </View>
          );
        })}
      </ScrollView>
    </View>
  );
}
