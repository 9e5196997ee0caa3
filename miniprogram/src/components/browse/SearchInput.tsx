import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { SearchBar } from '@nutui/nutui-react-taro';
import './browse.scss';

interface Props {
  /** Accessible name of the input (the placeholder alone is not a label). */
  label: string;
  placeholder: string;
  /** The applied search text. */
  value: string;
  onSearch: (q: string) => void;
}

/**
 * A search box that applies its text on 搜索 / Enter, not on every keystroke (each change reloads the list
 * from page 1). Clearing it applies at once.
 */
export function SearchInput({ label, placeholder, value, onSearch }: Props) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const submit = () => onSearch(draft.trim());

  return (
    <SearchBar
      className="browse-search"
      value={draft}
      placeholder={placeholder}
      maxLength={100}
      // On H5 the label must sit on the real <input> (nativeProps), not on its wrapper element, or there
      // would be two elements of that name; ariaLabel is WeChat's own attribute.
      inputProps={process.env.TARO_ENV === 'h5' ? { nativeProps: { 'aria-label': label } } : { ariaLabel: label }}
      onChange={(v) => setDraft(v)}
      onSearch={submit}
      onClear={() => onSearch('')}
      right={
        <View className="browse-search__submit" role="button" onClick={submit}>
          搜索
        </View>
      }
    />
  );
}
