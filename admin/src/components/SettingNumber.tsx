import { NumberInput } from '@strapi/design-system';
import type { SettingKey, SettingsForm } from '../utils/settingsForm';
import { GridField } from './GridField';

interface SettingNumberProps {
  form: SettingsForm;
  name: SettingKey<number>;
  label: string;
  hint: string;
  step: number;
}

/** A required number setting; an emptied field is NaN, which the server refuses on its field. */
const SettingNumber = ({ form, name, label, hint, step }: SettingNumberProps) => (
  <GridField name={name} required error={form.fieldErrors[name]} label={label} hint={hint}>
    <NumberInput
      value={form.values[name]}
      onValueChange={(v: number | undefined) => form.set(name, v ?? Number.NaN)}
      step={step}
      disabled={form.disabled}
    />
  </GridField>
);

export { SettingNumber };
