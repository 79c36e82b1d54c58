import { Field, Grid, SingleSelect, SingleSelectOption, Toggle } from '@strapi/design-system';
import type { ChangeEvent } from 'react';
import {
  CONTENT_API_EMAIL_MODES,
  FALLBACK_MODES,
  LIMIT_OVERFLOW_MODES,
  type ContentApiEmailMode,
  type FallbackMode,
  type LimitOverflowMode,
} from '../../../shared/constants';
import type { ModuleSettings } from '../../../shared/contracts/settings';
import { useTranslate } from '../hooks/useTranslate';

const OVERFLOW_TEXT: Record<LimitOverflowMode, string> = {
  wait: 'Wait for room',
  next: 'Use the next account the rule allows',
};

const CONTENT_API_TEXT: Record<ContentApiEmailMode, string> = {
  stock: 'Through the email provider of config/plugins, never an account',
  accounts: 'Through the SMTP accounts, by its From',
};

interface SettingsSendingFieldsProps {
  values: ModuleSettings;
  set: <K extends keyof ModuleSettings>(key: K, value: ModuleSettings[K]) => void;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

/** Settings → SMTP accounts, which mail the accounts send: the module switch, the fallback, limits, the content API. */
const SettingsSendingFields = ({
  values,
  set,
  fieldErrors,
  disabled,
}: SettingsSendingFieldsProps) => {
  const t = useTranslate();
  const onLabel = t('settings.on', 'On');
  const offLabel = t('settings.off', 'Off');
  return (
    <>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name="enabled"
          error={fieldErrors.enabled}
          hint={t(
            'settings.enabledHint',
            'When off, the configured provider sends every mail untouched'
          )}
        >
          <Field.Label>{t('settings.enabled', 'Module enabled')}</Field.Label>
          <Toggle
            checked={values.enabled}
            onChange={(e: ChangeEvent<HTMLInputElement>) => set('enabled', e.target.checked)}
            onLabel={onLabel}
            offLabel={offLabel}
            disabled={disabled}
          />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name="fallback"
          error={fieldErrors.fallback}
          hint={t('settings.fallbackHint', 'What happens to a mail whose From matches no account')}
        >
          <Field.Label>{t('settings.fallback', 'Fallback')}</Field.Label>
          <SingleSelect
            value={values.fallback}
            onChange={(v: string | number) => set('fallback', v as FallbackMode)}
            disabled={disabled}
          >
            {FALLBACK_MODES.map((mode) => (
              <SingleSelectOption key={mode} value={mode}>
                {t(
                  `settings.fallback.${mode}`,
                  mode === 'provider' ? 'Send with the configured provider' : 'Reject the mail'
                )}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name="limitOverflow"
          error={fieldErrors.limitOverflow}
          hint={t(
            'settings.limitOverflowHint',
            'For queued campaign mail whose account reached its per-minute, hour or day limit; "next" never picks an account the rule would not choose'
          )}
        >
          <Field.Label>{t('settings.limitOverflow', 'An account at its limit')}</Field.Label>
          <SingleSelect
            value={values.limitOverflow}
            onChange={(v: string | number) => set('limitOverflow', v as LimitOverflowMode)}
            disabled={disabled}
          >
            {LIMIT_OVERFLOW_MODES.map((mode) => (
              <SingleSelectOption key={mode} value={mode}>
                {t(`settings.limitOverflow.${mode}`, OVERFLOW_TEXT[mode])}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name="contentApiEmail"
          error={fieldErrors.contentApiEmail}
          hint={t(
            'settings.contentApiEmailHint',
            "Strapi's public POST /api/email lets its caller choose the From: a role or API token holding email.send"
          )}
        >
          <Field.Label>
            {t('settings.contentApiEmail', 'Mail sent through the content API (/api/email)')}
          </Field.Label>
          <SingleSelect
            value={values.contentApiEmail}
            onChange={(v: string | number) => set('contentApiEmail', v as ContentApiEmailMode)}
            disabled={disabled}
          >
            {CONTENT_API_EMAIL_MODES.map((mode) => (
              <SingleSelectOption key={mode} value={mode}>
                {t(`settings.contentApiEmail.${mode}`, CONTENT_API_TEXT[mode])}
              </SingleSelectOption>
            ))}
          </SingleSelect>
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
    </>
  );
};

export { SettingsSendingFields };
