import { Field, Grid, NumberInput, TextInput, Toggle, Typography } from '@strapi/design-system';
import type { ChangeEvent } from 'react';
import type { ModuleSettings } from '../../../shared/contracts/settings';
import { useTranslate } from '../hooks/useTranslate';

interface SettingsCheckFieldsProps {
  values: ModuleSettings;
  set: <K extends keyof ModuleSettings>(key: K, value: ModuleSettings[K]) => void;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

/** Settings → SMTP accounts, how accounts are checked and watched: test mail, timeouts, the send log, alerts. */
const SettingsCheckFields = ({ values, set, fieldErrors, disabled }: SettingsCheckFieldsProps) => {
  const t = useTranslate();
  const onLabel = t('settings.on', 'On');
  const offLabel = t('settings.off', 'Off');
  return (
    <>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name="testEmailOnSave"
          error={fieldErrors.testEmailOnSave}
          hint={t(
            'settings.testEmailOnSaveHint',
            'Saving an account also sends a test message through it'
          )}
        >
          <Field.Label>{t('settings.testEmailOnSave', 'Test mail on save')}</Field.Label>
          <Toggle
            checked={values.testEmailOnSave}
            onChange={(e: ChangeEvent<HTMLInputElement>) =>
              set('testEmailOnSave', e.target.checked)
            }
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
          name="testEmailRecipient"
          error={fieldErrors.testEmailRecipient}
          hint={t('settings.testEmailRecipientHint', 'Empty: your own email address')}
        >
          <Field.Label>{t('settings.testEmailRecipient', 'Test mail recipient')}</Field.Label>
          <TextInput
            type="email"
            value={values.testEmailRecipient}
            onChange={(e: ChangeEvent<HTMLInputElement>) =>
              set('testEmailRecipient', e.target.value)
            }
            disabled={disabled || !values.testEmailOnSave}
          />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name="verifyTimeoutMs"
          required
          error={fieldErrors.verifyTimeoutMs}
          hint={t('settings.verifyTimeoutHint', 'From 1000 to 60000 ms')}
        >
          <Field.Label>{t('settings.verifyTimeout', 'Verification timeout (ms)')}</Field.Label>
          <NumberInput
            value={values.verifyTimeoutMs}
            onValueChange={(v: number | undefined) => set('verifyTimeoutMs', v ?? Number.NaN)}
            step={500}
            disabled={disabled}
          />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name="logRetentionDays"
          required
          error={fieldErrors.logRetentionDays}
          hint={t(
            'settings.logRetentionDaysHint',
            'Older send-log entries are deleted every hour; from 1 to 3650 days'
          )}
        >
          <Field.Label>{t('settings.logRetentionDays', 'Keep the send log (days)')}</Field.Label>
          <NumberInput
            value={values.logRetentionDays}
            onValueChange={(v: number | undefined) => set('logRetentionDays', v ?? Number.NaN)}
            step={1}
            disabled={disabled}
          />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name="logKeepBodies"
          error={fieldErrors.logKeepBodies}
          hint={t(
            'settings.logKeepBodiesHint',
            'Needed to resend a failed mail; the log then holds message texts (not attachments)'
          )}
        >
          <Field.Label>{t('settings.logKeepBodies', 'Keep message bodies')}</Field.Label>
          <Toggle
            checked={values.logKeepBodies}
            onChange={(e: ChangeEvent<HTMLInputElement>) => set('logKeepBodies', e.target.checked)}
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
          name="alertRecipients"
          error={fieldErrors.alertRecipients}
          hint={t(
            'settings.alertRecipientsHint',
            'Comma-separated emails told when an account starts failing, needs re-authorization or recovers; sent through the configured provider. Empty: no alert mails'
          )}
        >
          <Field.Label>{t('settings.alertRecipients', 'Alert recipients')}</Field.Label>
          <TextInput
            value={values.alertRecipients}
            onChange={(e: ChangeEvent<HTMLInputElement>) => set('alertRecipients', e.target.value)}
            disabled={disabled}
            placeholder="ops@example.com, admin@example.com"
          />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name="recheckIntervalMinutes"
          required
          error={fieldErrors.recheckIntervalMinutes}
          hint={t(
            'settings.recheckIntervalHint',
            '0: off; from 1 to 1440. Each active account is checked (login only, no mail sent)'
          )}
        >
          <Field.Label>
            {t('settings.recheckInterval', 'Re-check accounts every … minutes')}
          </Field.Label>
          <NumberInput
            value={values.recheckIntervalMinutes}
            onValueChange={(v: number | undefined) =>
              set('recheckIntervalMinutes', v ?? Number.NaN)
            }
            step={1}
            disabled={disabled}
          />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={12} direction="column" alignItems="stretch">
        <Typography variant="pi" textColor="neutral600" data-testid="webhook-events-hint">
          {t(
            'settings.webhookEventsHint',
            "Webhook events smtp-account.failing, smtp-account.recovered, smtp-account.reauth-required and smtp-account.fallback can be added to a webhook through Strapi's webhook API (PUT /admin/webhooks/:id, events); Strapi's webhook form lists only its own events."
          )}
        </Typography>
      </Grid.Item>
    </>
  );
};

export { SettingsCheckFields };
