import type { ReactNode } from 'react';
import { Input, Textarea, View } from '@tarojs/components';
import './organizer.scss';

const IS_H5 = process.env.TARO_ENV === 'h5';

interface FieldProps {
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  children: ReactNode;
}

/** A labelled form row with an optional hint and the field's error underneath (class `field-error`). */
export function Field({ label, required, hint, error, children }: FieldProps) {
  return (
    <View className={`org-field${error ? ' org-field--invalid' : ''}`}>
      <View className="org-field__label">
        {required ? <View className="org-field__required">*</View> : null}
        {label}
      </View>
      {children}
      {hint ? <View className="org-field__hint">{hint}</View> : null}
      {error ? (
        <View className="field-error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}

/**
 * On H5 Taro renders `<taro-input-core><input/></taro-input-core>`: the accessible name goes on the inner
 * element through `nativeProps`, so exactly one element carries the label and it is the one that takes text.
 */
const nativeLabel = (label: string, error?: string) =>
  IS_H5 ? { 'aria-label': label, 'aria-invalid': error ? 'true' : 'false' } : undefined;

interface TextFieldProps extends Omit<FieldProps, 'children'> {
  value: string;
  onChange: (value: string) => void;
  placeholder?: string;
  /** Taro's inputs cut at 140 characters unless told otherwise. */
  maxlength?: number;
  number?: boolean;
  disabled?: boolean;
  className?: string;
}

export function TextField(props: TextFieldProps) {
  const { label, value, onChange, placeholder, maxlength = 200, number, disabled, className, ...field } = props;
  return (
    <Field label={label} {...field}>
      <Input
        className={`org-input ${className ?? ''}`}
        value={value}
        type={number && !IS_H5 ? 'number' : 'text'}
        placeholder={placeholder ?? `请输入${label}`}
        maxlength={maxlength}
        disabled={disabled}
        nativeProps={IS_H5 ? { ...nativeLabel(label, field.error), ...(number ? { inputmode: 'numeric' } : {}) } : undefined}
        onInput={(e) => onChange(e.detail.value)}
      />
    </Field>
  );
}

export function TextAreaField(props: TextFieldProps & { rows?: number }) {
  const { label, value, onChange, placeholder, maxlength = 2000, rows = 4, disabled, className, ...field } = props;
  return (
    <Field label={label} {...field}>
      <Textarea
        className={`org-textarea ${className ?? ''}`}
        style={{ height: `${rows * 44}px` }}
        value={value}
        placeholder={placeholder ?? `请输入${label}`}
        maxlength={maxlength}
        disabled={disabled}
        nativeProps={nativeLabel(label, field.error)}
        onInput={(e) => onChange(e.detail.value)}
      />
      <View className="org-field__count">
        {value.length}/{maxlength}
      </View>
    </Field>
  );
}

interface ToggleProps {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  error?: string;
}

/**
 * An on/off switch drawn as a View with role="switch": NutUI's Switch sets its ARIA role only on weapp, so on
 * H5 it would be an unnamed div. The whole row is the tap target.
 */
export function ToggleField({ label, checked, onChange, hint, error }: ToggleProps) {
  return (
    <View className={`org-field org-toggle${error ? ' org-field--invalid' : ''}`}>
      <View
        className="org-toggle__row"
        role="switch"
        aria-checked={checked ? 'true' : 'false'}
        aria-label={label}
        onClick={() => onChange(!checked)}
      >
        <View className="org-toggle__label">{label}</View>
        <View className={`org-toggle__track${checked ? ' org-toggle__track--on' : ''}`}>
          <View className="org-toggle__thumb" />
        </View>
      </View>
      {hint ? <View className="org-field__hint">{hint}</View> : null}
      {error ? (
        <View className="field-error" role="alert">
          {error}
        </View>
      ) : null}
    </View>
  );
}
