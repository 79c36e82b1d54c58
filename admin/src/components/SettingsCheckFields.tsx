import { Grid, Typography } from '@strapi/design-system';
import { useTranslate } from '../hooks/useTranslate';
import type { SettingsForm } from '../utils/settingsForm';
import { SettingNumber } from './SettingNumber';
import { SettingText } from './SettingText';
import { SettingToggle } from './SettingToggle';

/** Settings → SMTP accounts, how accounts are checked and watched: test mail, timeouts, the send log, alerts. */
const SettingsCheckFields = (form: SettingsForm) => {
  const t = useTranslate();
  return (
    <>
      <SettingToggle
        form={form}
        name="testEmailOnSave"
        label={t('settings.testEmailOnSave', 'Test mail on save')}
        hint={t(
          'settings.testEmailOnSaveHint',
          'Saving an account also sends a test message through it'
        )}
      />
      <SettingText
        form={form}
        name="testEmailRecipient"
        type="email"
        label={t('settings.testEmailRecipient', 'Test mail recipient')}
        hint={t('settings.testEmailRecipientHint', 'Empty: your own email address')}
        disabled={!form.values.testEmailOnSave}
      />
      <SettingNumber
        form={form}
        name="verifyTimeoutMs"
        step={500}
        label={t('settings.verifyTimeout', 'Verification timeout (ms)')}
        hint={t('settings.verifyTimeoutHint', 'From 1000 to 60000 ms')}
      />
      <SettingNumber
        form={form}
        name="logRetentionDays"
        step={1}
        label={t('settings.logRetentionDays', 'Keep the send log (days)')}
        hint={t(
          'settings.logRetentionDaysHint',
          'Older send-log entries are deleted every hour; from 1 to 3650 days'
        )}
      />
      <SettingToggle
        form={form}
        name="logKeepBodies"
        label={t('settings.logKeepBodies', 'Keep message bodies')}
        hint={t(
          'settings.logKeepBodiesHint',
          'Needed to resend a failed mail; the log then holds message texts (not attachments)'
        )}
      />
      <SettingText
        form={form}
        name="alertRecipients"
        placeholder="ops@example.com, admin@example.com"
        label={t('settings.alertRecipients', 'Alert recipients')}
        hint={t(
          'settings.alertRecipientsHint',
          'Comma-separated emails told when an account starts failing, needs re-authorization or recovers; sent through the configured provider. Empty: no alert mails'
        )}
      />
      <SettingNumber
        form={form}
        name="recheckIntervalMinutes"
        step={1}
        label={t('settings.recheckInterval', 'Re-check accounts every … minutes')}
        hint={t(
          'settings.recheckIntervalHint',
          '0: off; from 1 to 1440. Each active account is checked (login only, no mail sent)'
        )}
      />
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
