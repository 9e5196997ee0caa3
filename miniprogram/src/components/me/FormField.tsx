import type { ReactNode } from 'react';
import { Input, View } from '@tarojs/components';
import './form.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

interface FieldProps {
  label: string;
  required?: boolean;
  error?: string;
  children: ReactNode;
}

/** A labelled form row with its error message underneath (class `field-error`, announced as an alert). */
export function Field({ label, required, error, children }: FieldProps) {
  return (
    <View className={`form-field${error ? ' form-field--invalid' : ''}`}>
      <View className="form-field__label">
        {required ? <View className="form-field__required">*</View> : null}
        {label}
      </View>
      {children}
      {error ? (
        <View className="field-error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}

interface TextFieldProps {
  label: string;
  /** Form name and class suffix (`signup-name`), so tests and styles can find the input. */
  name: string;
  value: string;
  onChange: (value: string) => void;
  required?: boolean;
  error?: string;
  placeholder?: string;
  password?: boolean;
  /** A phone number: numeric keypad on weapp, a plain text box on H5 (type=number would drop spaces). */
  phone?: boolean;
  maxlength?: number;
  disabled?: boolean;
}

/**
 * A text input with a visible label. On H5 Taro renders `<taro-input-core><input/></taro-input-core>`; the
 * label goes on the inner `<input>` through `nativeProps` (not on the host element) so exactly one element is
 * found by its label and it is the one that can be typed into.
 */
export function TextField(props: TextFieldProps) {
  const { label, name, value, onChange, required, error, placeholder, password, phone, maxlength, disabled } = props;
  const native: Record<string, unknown> = { 'aria-label': label, 'aria-invalid': error ? 'true' : 'false' };
  if (phone) native.inputmode = 'tel';
  return (
    <Field label={label} required={required} error={error}>
      <Input
        className={`form-field__input ${name}`}
        name={name}
        value={value}
        password={password}
        type={phone && !IS_H5 ? 'number' : 'text'}
        placeholder={placeholder ?? `请输入${label}`}
        maxlength={maxlength ?? 200}
        disabled={disabled}
        nativeProps={IS_H5 ? native : undefined}
        onInput={(e) => onChange(e.detail.value)}
      />
    </Field>
  );
}
