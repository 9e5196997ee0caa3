import { View } from '@tarojs/components';
import './form.scss';

export interface Choice {
  value: string;
  label: string;
}

interface Props {
  /** Accessible name of the group (the field's label). */
  label: string;
  choices: readonly Choice[];
  /** Radio mode: the chosen value; checkbox mode: the chosen values. */
  value: string | readonly string[];
  onChange: (value: string) => void;
  multiple?: boolean;
  className?: string;
}

/**
 * Tappable chips that behave as radio buttons or checkboxes. Drawn with Views carrying ARIA roles rather than
 * NutUI Radio/Checkbox: those set `ariaRole`, which only the weapp renderer understands, so on H5 they
 * would be unnamed, unchecked-looking divs to a screen reader (and to the browser tests).
 */
export function ChoiceGroup({ label, choices, value, onChange, multiple, className }: Props) {
  const isChosen = (v: string) => (Array.isArray(value) ? value.includes(v) : value === v);
  return (
    <View className={`choice-group ${className ?? ''}`} role={multiple ? 'group' : 'radiogroup'} aria-label={label}>
      {choices.map((c) => {
        const chosen = isChosen(c.value);
        return (
          <View
            key={c.value}
            className={`choice${chosen ? ' choice--on' : ''}`}
            role={multiple ? 'checkbox' : 'radio'}
            aria-checked={chosen ? 'true' : 'false'}
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
