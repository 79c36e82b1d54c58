import { useTranslate } from '../hooks/useTranslate';
import type { SettingsForm } from '../utils/settingsForm';
import { SettingText } from './SettingText';
import { SettingToggle } from './SettingToggle';

/** Settings → SMTP accounts, newsletters: hard bounces onto the suppression list, and the headers that mark a newsletter. */
const SettingsDeliverabilityFields = (form: SettingsForm) => {
  const t = useTranslate();
  return (
    <>
      <SettingToggle
        form={form}
        name="suppressHardBounces"
        label={t('settings.suppressHardBounces', 'Suppress addresses that bounce')}
        hint={t(
          'settings.suppressHardBouncesHint',
          'A recipient a server refuses for good (a 5xx reply to RCPT TO, or after the message naming it) goes on the suppression list and gets no more newsletters. A 4xx reply never does. Each new suppression fires the webhook event smtp-suppression.added.'
        )}
      />
      <SettingText
        form={form}
        name="newsletterHeaders"
        placeholder="X-Campaign-Id, X-Mailer-List"
        label={t('settings.newsletterHeaders', 'More newsletter headers')}
        hint={t(
          'settings.newsletterHeadersHint',
          'Comma-separated header names that make a mail a newsletter (newsletter-first account, unsubscribe headers, suppression list), next to List-Unsubscribe, List-Id and Precedence: bulk. For clients that cannot pass the newsletter flag.'
        )}
      />
    </>
  );
};

export { SettingsDeliverabilityFields };
