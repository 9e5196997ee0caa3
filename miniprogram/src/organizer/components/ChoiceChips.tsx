import { View } from '@tarojs/components';
import './organizer.scss';

export interface Choice {
  value: string;
  label: string;
}

interface Props {
  /** Accessible name of the group (the field's label). */
  label: string;
  choices: readonly Choice[];
  /** Single choice: the chosen value; `multiple`: the chosen values. */
  value: string | readonly string[];
  onChange: (value: string) => void;
  multiple?: boolean;
}

/**
 * Tappable chips acting as radio buttons or checkboxes, with ARIA roles and names that work on both targets
 * (NutUI's Radio and Checkbox set their roles for weapp only). `onChange` gets the tapped value; callers
 * toggle it in or out of their list (see `toggle`).
 */
export function ChoiceChips({ label, choices, value, onChange, multiple }: Props) {
  const isOn = (v: string) => (typeof value === 'string' ? value === v : value.includes(v));
  return (
    <View className="org-chips" role={multiple ? 'group' : 'radiogroup'} aria-label={label}>
      {choices.map((c) => {
        const on = isOn(c.value);
        return (
          <View
            key={c.value}
            className={`org-chip${on ? ' org-chip--on' : ''}`}
            role={multiple ? 'checkbox' : 'radio'}
            aria-checked={on ? 'true' : 'false'}
            aria-label={c.label}
            onClick={() => onChange(c.value)}
          >
            {c.label}
          </View>
        );
      })}
    </View>
  );
}

/** The list with `value` added, or removed when it was there. */
export const toggle = (list: readonly string[], value: string): string[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
