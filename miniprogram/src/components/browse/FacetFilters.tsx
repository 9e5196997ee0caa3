import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { AUDIENCE_OPTIONS, PROVINCE_OPTIONS, TOPIC_OPTIONS, type FacetFilter } from '../../lib/browse/facets';
import { FilterChips } from './FilterChips';
import { SearchInput } from './SearchInput';

interface Props {
  value: FacetFilter;
  onChange: (value: FacetFilter) => void;
  /** Accessible name and placeholder of the search box. */
  searchLabel: string;
  placeholder: string;
  /** Extra filter rows below the facets (the program list's 状态). */
  children?: ReactNode;
}

/** Search box plus 省份 / 主题 / 对象 filters, shared by the policy and program lists. */
export function FacetFilters({ value, onChange, searchLabel, placeholder, children }: Props) {
  return (
    <View className="browse-filters">
      <SearchInput label={searchLabel} placeholder={placeholder} value={value.q} onSearch={(q) => onChange({ ...value, q })} />
      <FilterChips
        label="省份"
        options={PROVINCE_OPTIONS}
        value={value.region}
        onChange={(region) => onChange({ ...value, region })}
      />
      <FilterChips label="主题" options={TOPIC_OPTIONS} value={value.topic} onChange={(topic) => onChange({ ...value, topic })} />
      <FilterChips
        label="对象"
        options={AUDIENCE_OPTIONS}
        value={value.audience}
        onChange={(audience) => onChange({ ...value, audience })}
      />
      {children}
    </View>
  );
}
