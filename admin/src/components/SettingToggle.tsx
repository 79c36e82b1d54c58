import { Toggle } from '@strapi/design-system';
import type { ChangeEvent } from 'react';
import { useTranslate } from '../hooks/useTranslate';
import type { SettingKey, SettingsForm } from '../utils/settingsForm';
import { GridField } from './GridField';

interface SettingToggleProps {
  form: SettingsForm;
  name: SettingKey<boolean>;
  label: string;
  hint: string;
}

/** An on/off setting. */
const SettingToggle = ({ form, name, label, hint }: SettingToggleProps) => {
  const t = useTranslate();
  return (
    <GridField name={name} error={form.fieldErrors[name]} label={label} hint={hint}>
      <Toggle
        checked={form.values[name]}
        onChange={(e: ChangeEvent<HTMLInputElement>) => form.set(name, e.target.checked)}
        onLabel={t('settings.on', 'On')}
        offLabel={t('settings.off', 'Off')}
        disabled={form.disabled}
      />
    </GridField>
  );
};

export { SettingToggle };
