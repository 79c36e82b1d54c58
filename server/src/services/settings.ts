import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../shared/constants';
import type { ModuleSettings } from '../../../shared/contracts/settings';
import type { PluginConfig } from '../config';
import { validateSettingsInput } from '../validation/settings';

export const DEFAULT_SETTINGS: ModuleSettings = {
  enabled: false,
  testEmailOnSave: false,
  testEmailRecipient: '',
  verifyTimeoutMs: 10000,
  fallback: 'provider',
  logRetentionDays: 30,
  logKeepBodies: false,
  alertRecipients: '',
  recheckIntervalMinutes: 0,
  limitOverflow: 'wait',
  contentApiEmail: 'stock',
  suppressHardBounces: true,
  newsletterHeaders: '',
};

/**
 * Module settings in the plugin store, over the presets from the plugin config.
 * Kept in memory after the first read: `enabled` and `fallback` are read on every send.
 */
export const createSettingsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const store = () => strapi.store({ type: 'plugin', name: PLUGIN_ID, key: 'settings' });
  let cached: ModuleSettings | undefined;

  const presets = () =>
    strapi.config.get<PluginConfig['settings']>(`plugin::${PLUGIN_ID}.settings`) ?? {};

  return {
    async get(): Promise<ModuleSettings> {
      if (!cached) {
        const stored = ((await store().get({})) ?? {}) as Partial<ModuleSettings>;
        cached = { ...DEFAULT_SETTINGS, ...presets(), ...stored };
      }
      return cached;
    },

    async update(changes: unknown): Promise<ModuleSettings> {
      await validateSettingsInput(changes);
      const next = { ...(await this.get()), ...(changes as Partial<ModuleSettings>) };
      await store().set({ value: next });
      cached = next;
      return next;
    },

    /** Forget the in-memory copy (another process may have changed the store). */
    reload() {
      cached = undefined;
    },
  };
};

export type SettingsService = ReturnType<typeof createSettingsService>;
