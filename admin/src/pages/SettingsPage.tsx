import {
  Box,
  Button,
  Field,
  Flex,
  Grid,
  NumberInput,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Toggle,
  Typography,
} from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import {
  CONTENT_API_EMAIL_MODES,
  FALLBACK_MODES,
  LIMIT_OVERFLOW_MODES,
  PERMISSIONS,
  type ContentApiEmailMode,
  type FallbackMode,
  type LimitOverflowMode,
} from '../../../shared/constants';
import type { ModuleSettings } from '../../../shared/contracts/settings';
import { useAdminApi } from '../hooks/useAdminApi';
import { usePluginPermissions } from '../hooks/usePluginPermissions';
import { SettingsDeliverabilityFields } from '../components/SettingsDeliverabilityFields';
import { SmtpErrorAlert } from '../components/SmtpErrorAlert';
import type { ApiErrorInfo } from '../utils/apiError';
import { useApiError } from '../hooks/useApiError';
import { useTranslate } from '../hooks/useTranslate';

const OVERFLOW_TEXT: Record<LimitOverflowMode, string> = {
  wait: 'Wait for room',
  next: 'Use the next account the rule allows',
};

const CONTENT_API_TEXT: Record<ContentApiEmailMode, string> = {
  stock: 'Through the email provider of config/plugins, never an account',
  accounts: 'Through the SMTP accounts, by its From',
};

const SETTINGS_PERMISSIONS = {
  read: [{ action: PERMISSIONS.settingsRead, subject: null }],
  update: [{ action: PERMISSIONS.settingsUpdate, subject: null }],
};

/** Settings → SMTP accounts: the module switch, test mail on save, the verification timeout, the fallback and the send log. */
const SettingsPage = () => {
  const readApiError = useApiError();
  const t = useTranslate();
  const api = useAdminApi();
  const { toggleNotification } = useNotification();
  const { allowedActions, isLoading: isLoadingPermissions } =
    usePluginPermissions(SETTINGS_PERMISSIONS);
  const canUpdate = Boolean(allowedActions.canUpdate);

  const [values, setValues] = useState<ModuleSettings | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<ApiErrorInfo | null>(null);

  useEffect(() => {
    api
      .getSettings()
      .then(({ data }) => setValues(data))
      .catch(() => setLoadError(true));
  }, [api]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!values || isSaving) return;
    setIsSaving(true);
    setError(null);
    try {
      const { data } = await api.updateSettings({ data: values });
      setValues(data);
      toggleNotification({ type: 'success', message: t('settings.saved', 'Settings saved') });
    } catch (caught) {
      setError(readApiError(caught, t('settings.saveFailed', 'The settings could not be saved')));
    } finally {
      setIsSaving(false);
    }
  };

  if (isLoadingPermissions) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;
  if (loadError) return <Page.Error />;
  if (!values) return <Page.Loading />;

  const set = <K extends keyof ModuleSettings>(key: K, value: ModuleSettings[K]) =>
    setValues({ ...values, [key]: value });
  const fieldErrors = error?.fieldErrors ?? {};
  const disabled = isSaving || !canUpdate;
  const onLabel = t('settings.on', 'On');
  const offLabel = t('settings.off', 'Off');
  const title = t('settings.title', 'SMTP accounts settings');

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <form onSubmit={save} noValidate>
        <Layouts.Header
          title={title}
          subtitle={t('settings.subtitle', 'How the module sends mail')}
          primaryAction={
            canUpdate ? (
              <Button type="submit" startIcon={<Check />} loading={isSaving} disabled={isSaving}>
                {t('settings.save', 'Save')}
              </Button>
            ) : undefined
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={4}>
            {error ? (
              <SmtpErrorAlert
                error={error}
                title={t('settings.saveFailed', 'The settings could not be saved')}
                onClose={() => setError(null)}
              />
            ) : null}
            <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
              <Grid.Root gap={5}>
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
                      onChange={(e: ChangeEvent<HTMLInputElement>) =>
                        set('enabled', e.target.checked)
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
                    name="fallback"
                    error={fieldErrors.fallback}
                    hint={t(
                      'settings.fallbackHint',
                      'What happens to a mail whose From matches no account'
                    )}
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
                            mode === 'provider'
                              ? 'Send with the configured provider'
                              : 'Reject the mail'
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
                    <Field.Label>
                      {t('settings.limitOverflow', 'An account at its limit')}
                    </Field.Label>
                    <SingleSelect
                      value={values.limitOverflow}
                      onChange={(v: string | number) =>
                        set('limitOverflow', v as LimitOverflowMode)
                      }
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
                      {t(
                        'settings.contentApiEmail',
                        'Mail sent through the content API (/api/email)'
                      )}
                    </Field.Label>
                    <SingleSelect
                      value={values.contentApiEmail}
                      onChange={(v: string | number) =>
                        set('contentApiEmail', v as ContentApiEmailMode)
                      }
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
                    <Field.Label>
                      {t('settings.testEmailRecipient', 'Test mail recipient')}
                    </Field.Label>
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
                    <Field.Label>
                      {t('settings.verifyTimeout', 'Verification timeout (ms)')}
                    </Field.Label>
                    <NumberInput
                      value={values.verifyTimeoutMs}
                      onValueChange={(v: number | undefined) =>
                        set('verifyTimeoutMs', v ?? Number.NaN)
                      }
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
                    <Field.Label>
                      {t('settings.logRetentionDays', 'Keep the send log (days)')}
                    </Field.Label>
                    <NumberInput
                      value={values.logRetentionDays}
                      onValueChange={(v: number | undefined) =>
                        set('logRetentionDays', v ?? Number.NaN)
                      }
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
                      onChange={(e: ChangeEvent<HTMLInputElement>) =>
                        set('logKeepBodies', e.target.checked)
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
                      onChange={(e: ChangeEvent<HTMLInputElement>) =>
                        set('alertRecipients', e.target.value)
                      }
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
                <SettingsDeliverabilityFields
                  values={values}
                  set={set}
                  fieldErrors={fieldErrors}
                  disabled={disabled}
                />
                <Grid.Item col={12} direction="column" alignItems="stretch">
                  <Typography variant="pi" textColor="neutral600" data-testid="webhook-events-hint">
                    {t(
                      'settings.webhookEventsHint',
                      "Webhook events smtp-account.failing, smtp-account.recovered, smtp-account.reauth-required and smtp-account.fallback can be added to a webhook through Strapi's webhook API (PUT /admin/webhooks/:id, events); Strapi's webhook form lists only its own events."
                    )}
                  </Typography>
                </Grid.Item>
              </Grid.Root>
            </Box>
          </Flex>
        </Layouts.Content>
      </form>
    </Page.Main>
  );
};

export default SettingsPage;
