import {
  CONTENT_API_EMAIL_MODES,
  FALLBACK_MODES,
  LIMIT_OVERFLOW_MODES,
  type ContentApiEmailMode,
  type LimitOverflowMode,
} from '../../../shared/constants';
import { useTranslate } from '../hooks/useTranslate';
import type { SettingsForm } from '../utils/settingsForm';
import { SettingSelect } from './SettingSelect';
import { SettingToggle } from './SettingToggle';

const OVERFLOW_TEXT: Record<LimitOverflowMode, string> = {
  wait: 'Wait for room',
  next: 'Use the next account the rule allows',
};

const CONTENT_API_TEXT: Record<ContentApiEmailMode, string> = {
  stock: 'Through the email provider of config/plugins, never an account',
  accounts: 'Through the SMTP accounts, by its From',
};

/** Settings → SMTP accounts, which mail the accounts send: the module switch, the fallback, limits, the content API. */
const SettingsSendingFields = (form: SettingsForm) => {
  const t = useTranslate();
  return (
    <>
      <SettingToggle
        form={form}
        name="enabled"
        label={t('settings.enabled', 'Module enabled')}
        hint={t(
          'settings.enabledHint',
          'When off, the configured provider sends every mail untouched'
        )}
      />
      <SettingSelect
        form={form}
        name="fallback"
        options={FALLBACK_MODES}
        optionLabel={(mode) =>
          t(
            `settings.fallback.${mode}`,
            mode === 'provider' ? 'Send with the configured provider' : 'Reject the mail'
          )
        }
        label={t('settings.fallback', 'Fallback')}
        hint={t('settings.fallbackHint', 'What happens to a mail whose From matches no account')}
      />
      <SettingSelect
        form={form}
        name="limitOverflow"
        options={LIMIT_OVERFLOW_MODES}
        optionLabel={(mode) => t(`settings.limitOverflow.${mode}`, OVERFLOW_TEXT[mode])}
        label={t('settings.limitOverflow', 'An account at its limit')}
        hint={t(
          'settings.limitOverflowHint',
          'For queued campaign mail whose account reached its per-minute, hour or day limit; "next" never picks an account the rule would not choose'
        )}
      />
      <SettingSelect
        form={form}
        name="contentApiEmail"
        options={CONTENT_API_EMAIL_MODES}
        optionLabel={(mode) => t(`settings.contentApiEmail.${mode}`, CONTENT_API_TEXT[mode])}
        label={t('settings.contentApiEmail', 'Mail sent through the content API (/api/email)')}
        hint={t(
          'settings.contentApiEmailHint',
          "Strapi's public POST /api/email lets its caller choose the From: a role or API token holding email.send"
        )}
      />
    </>
  );
};

export { SettingsSendingFields };
