import { SingleSelect, SingleSelectOption } from '@strapi/design-system';
import type { ModuleSettings } from '../../../shared/contracts/settings';
import type { SettingsForm } from '../utils/settingsForm';
import { GridField } from './GridField';

type ChoiceKey = 'fallback' | 'limitOverflow' | 'contentApiEmail';

interface SettingSelectProps<K extends ChoiceKey> {
  form: SettingsForm;
  name: K;
  label: string;
  hint: string;
  options: readonly ModuleSettings[K][];
  optionLabel: (option: ModuleSettings[K]) => string;
}

/** A setting chosen from a fixed list of modes. */
const SettingSelect = <K extends ChoiceKey>({
  form,
  name,
  label,
  hint,
  options,
  optionLabel,
}: SettingSelectProps<K>) => (
  <GridField name={name} error={form.fieldErrors[name]} label={label} hint={hint}>
    <SingleSelect
      value={form.values[name]}
      onChange={(v: string | number) => form.set(name, v as ModuleSettings[K])}
      disabled={form.disabled}
    >
      {options.map((option) => (
        <SingleSelectOption key={option} value={option}>
          {optionLabel(option)}
        </SingleSelectOption>
      ))}
    </SingleSelect>
  </GridField>
);

export { SettingSelect };
