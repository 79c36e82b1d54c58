import { Field, Grid, TextInput, Toggle } from '@strapi/design-system';
import type { ChangeEvent } from 'react';
import type { ModuleSettings } from '../../../shared/contracts/settings';
import { useTranslate } from '../hooks/useTranslate';

interface SettingsDeliverabilityFieldsProps {
  values: ModuleSettings;
  set: <K extends keyof ModuleSettings>(key: K, value: ModuleSettings[K]) => void;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

/** Settings → SMTP accounts, newsletters: hard bounces onto the suppression list, and the headers that mark a newsletter. */
const SettingsDeliverabilityFields = ({
  values,
  set,
  fieldErrors,
  disabled,
}: SettingsDeliverabilityFieldsProps) => {
  const t = useTranslate();
  return (
    <>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name="suppressHardBounces"
          error={fieldErrors.suppressHardBounces}
          hint={t(
            'settings.suppressHardBouncesHint',
            'A recipient a server refuses for good (a 5xx reply to RCPT TO, or after the message naming it) goes on the suppression list and gets no more newsletters. A 4xx reply never does. Each new suppression fires the webhook event smtp-suppression.added.'
          )}
        >
          <Field.Label>
            {t('settings.suppressHardBounces', 'Suppress addresses that bounce')}
          </Field.Label>
          <Toggle
            checked={values.suppressHardBounces}
            onChange={(e: ChangeEvent<HTMLInputElement>) =>
              set('suppressHardBounces', e.target.checked)
            }
            onLabel={t('settings.on', 'On')}
            offLabel={t('settings.off', 'Off')}
            disabled={disabled}
          />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name="newsletterHeaders"
          error={fieldErrors.newsletterHeaders}
          hint={t(
            'settings.newsletterHeadersHint',
            'Comma-separated header names that make a mail a newsletter (newsletter-first account, unsubscribe headers, suppression list), next to List-Unsubscribe, List-Id and Precedence: bulk. For clients that cannot pass the newsletter flag.'
          )}
        >
          <Field.Label>{t('settings.newsletterHeaders', 'More newsletter headers')}</Field.Label>
          <TextInput
            value={values.newsletterHeaders}
            onChange={(e: ChangeEvent<HTMLInputElement>) =>
              set('newsletterHeaders', e.target.value)
            }
            placeholder="X-Campaign-Id, X-Mailer-List"
            disabled={disabled}
          />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
      </Grid.Item>
    </>
  );
};

export { SettingsDeliverabilityFields };
