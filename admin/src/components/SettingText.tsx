import { TextInput } from '@strapi/design-system';
import type { ChangeEvent } from 'react';
import type { SettingKey, SettingsForm } from '../utils/settingsForm';
import { GridField } from './GridField';

interface SettingTextProps {
  form: SettingsForm;
  name: SettingKey<string>;
  label: string;
  hint: string;
  type?: 'text' | 'email';
  placeholder?: string;
  /** Off for a reason of the field's own (another setting makes it moot); the whole form's disabled applies anyway. */
  disabled?: boolean;
}

/** A setting typed as text: an address, a list of names. */
const SettingText = ({
  form,
  name,
  label,
  hint,
  type,
  placeholder,
  disabled = false,
}: SettingTextProps) => (
  <GridField name={name} error={form.fieldErrors[name]} label={label} hint={hint}>
    <TextInput
      type={type}
      value={form.values[name]}
      onChange={(e: ChangeEvent<HTMLInputElement>) => form.set(name, e.target.value)}
      disabled={form.disabled || disabled}
      placeholder={placeholder}
    />
  </GridField>
);

export { SettingText };
