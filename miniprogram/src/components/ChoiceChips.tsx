import { View } from '@tarojs/components';

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
  className?: string;
}

/**
 * Tappable chips acting as radio buttons or checkboxes, for the user forms (sign-up, subscriptions) and the
 * organizer forms alike. Drawn with Views carrying ARIA roles and names rather than NutUI Radio/Checkbox: those
 * set `ariaRole`, which only the weapp renderer understands, so on H5 they would be unnamed divs to a screen
 * reader (and to the browser tests). `onChange` gets the tapped value; callers toggle it in or out of their
 * list (see `toggle`). Styles in styles/chips.scss.
 */
export function ChoiceChips({ label, choices, value, onChange, multiple, className }: Props) {
  const isOn = (v: string) => (typeof value === 'string' ? value === v : value.includes(v));
  return (
    <View className={`chips ${className ?? ''}`} role={multiple ? 'group' : 'radiogroup'} aria-label={label}>
      {choices.map((c) => {
        const on = isOn(c.value);
        return (
          <View
            key={c.value}
            className={`chip${on ? ' chip--on' : ''}`}
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
