import { View } from '@tarojs/components';
import './organizer.scss';

export interface TabItem {
  value: string;
  label: string;
}

interface Props {
  label: string;
  tabs: readonly TabItem[];
  value: string;
  onChange: (value: string) => void;
}

/**
 * A row of filter tabs (role="tab", aria-selected) that scrolls sideways when it does not fit. Drawn by hand:
 * NutUI's Tabs wants one pane per tab, while here every tab filters the same list.
 */
export function FilterTabs({ label, tabs, value, onChange }: Props) {
  return (
    <View className="org-tabs" role="tablist" aria-label={label}>
      {tabs.map((t) => (
        <View
          key={t.value}
          className={`org-tab${t.value === value ? ' org-tab--on' : ''}`}
          role="tab"
          aria-selected={t.value === value ? 'true' : 'false'}
          onClick={() => onChange(t.value)}
        >
          {t.label}
        </View>
      ))}
    </View>
  );
}
