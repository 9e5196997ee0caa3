import { useEffect, useState } from 'react';
import { Input, Picker, View } from '@tarojs/components';
import { Field } from './Field';
import './organizer.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

/** `2026-12-03 14:00` (or with a `T`) → its date and time parts; empty parts for an empty value. */
export function splitLocal(value: string): { date: string; time: string } {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/.exec(value.trim());
  return m ? { date: m[1] ?? '', time: m[2] ?? '' } : { date: '', time: '' };
}

interface PartProps {
  /** Accessible name of this part (`开始时间（日期）`). */
  label: string;
  mode: 'date' | 'time';
  value: string;
  placeholder: string;
  invalid: boolean;
  onChange: (value: string) => void;
}

/**
 * One picker: on H5 the browser's own date or time input (a phone opens its native wheel, a desktop its
 * calendar, and nothing can be typed in the wrong format); on weapp WeChat's native Picker. Taro's H5 Picker
 * draws its own wheel, which is neither the phone's nor reachable by label.
 */
function PickerPart({ label, mode, value, placeholder, invalid, onChange }: PartProps) {
  if (IS_H5) {
    return (
      <Input
        className={`org-input org-picker org-picker--${mode}`}
        value={value}
        placeholder={placeholder}
        nativeProps={{ type: mode, 'aria-label': label, 'aria-invalid': invalid ? 'true' : 'false' }}
        onInput={(e) => onChange(e.detail.value)}
      />
    );
  }
  return (
    <Picker mode={mode} value={value} onChange={(e) => onChange(String(e.detail.value))}>
      <View className={`org-input org-picker org-picker--${mode}${value ? '' : ' org-picker--empty'}`} aria-label={label}>
        {value || placeholder}
      </View>
    </Picker>
  );
}

interface Props {
  label: string;
  /** Shanghai local `YYYY-MM-DD HH:mm`, or '' when unset: what the forms' drafts already hold. */
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  hint?: string;
  error?: string;
  /** The time filled in when only a date has been picked. */
  defaultTime?: string;
}

/**
 * A date and a time picked rather than typed (`YYYY-MM-DD HH:mm` was easy to get wrong on a phone). The value
 * stays the Shanghai local text the forms already turn into ISO instants, so the api receives the same body.
 * Picking a date alone fills in `defaultTime`; an optional field can be cleared again.
 */
export function DateTimeField({ label, value, onChange, required, hint, error, defaultTime = '09:00' }: Props) {
  const [parts, setParts] = useState(() => splitLocal(value));
  // A new value from outside (a loaded draft, a pasted announcement) replaces what is shown.
  useEffect(() => setParts(splitLocal(value)), [value]);

  const update = (next: { date: string; time: string }) => {
    const time = next.date && !next.time ? defaultTime : next.time;
    setParts({ date: next.date, time });
    onChange(next.date ? `${next.date} ${time}` : '');
  };

  return (
    <Field label={label} required={required} hint={hint ?? '上海时间'} error={error}>
      <View className="org-datetime">
        <PickerPart
          label={`${label}（日期）`}
          mode="date"
          value={parts.date}
          placeholder="选择日期"
          invalid={Boolean(error)}
          onChange={(date) => update({ ...parts, date })}
        />
        <PickerPart
          label={`${label}（时刻）`}
          mode="time"
          value={parts.time}
          placeholder="选择时刻"
          invalid={Boolean(error)}
          onChange={(time) => update({ ...parts, time })}
        />
        {!required && value ? (
          <View
            className="link org-datetime__clear"
            role="button"
            aria-label={`清除${label}`}
            onClick={() => update({ date: '', time: '' })}
          >
            清除
          </View>
        ) : null}
      </View>
    </Field>
  );
}

/** As for DateTimeField, but `value` is `HH:mm` (or '' when unset). */
type TimeProps = Omit<Props, 'defaultTime'>;

/** A time of day (`HH:mm`) picked on the phone's own time wheel: digest time, quiet hours, a recurring send. */
export function TimeField({ label, value, onChange, required, hint, error }: TimeProps) {
  return (
    <Field label={label} required={required} hint={hint} error={error}>
      <View className="org-datetime">
        <PickerPart label={label} mode="time" value={value} placeholder="选择时刻" invalid={Boolean(error)} onChange={onChange} />
      </View>
    </Field>
  );
}
