import type { ModuleSettings } from '../../../shared/contracts/settings';

/** What the settings page hands each group of settings fields, and each field of a group. */
export interface SettingsForm {
  values: ModuleSettings;
  set: <K extends keyof ModuleSettings>(key: K, value: ModuleSettings[K]) => void;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

/** The settings whose value is a `V`: a toggle takes the booleans, a text input the strings … */
export type SettingKey<V> = {
  [K in keyof ModuleSettings]: ModuleSettings[K] extends V ? K : never;
}[keyof ModuleSettings];
