import { Box, Button, Flex, Grid } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useEffect, useState } from 'react';
import { PERMISSIONS } from '../../../shared/constants';
import type { ModuleSettings } from '../../../shared/contracts/settings';
import { useAdminApi } from '../hooks/useAdminApi';
import { usePluginPermissions } from '../hooks/usePluginPermissions';
import { SettingsCheckFields } from '../components/SettingsCheckFields';
import { SettingsSendingFields } from '../components/SettingsSendingFields';
import { SettingsDeliverabilityFields } from '../components/SettingsDeliverabilityFields';
import { SmtpErrorAlert } from '../components/SmtpErrorAlert';
import type { SettingsForm } from '../utils/settingsForm';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { useTranslate } from '../hooks/useTranslate';

const SETTINGS_PERMISSIONS = {
  read: [{ action: PERMISSIONS.settingsRead, subject: null }],
  update: [{ action: PERMISSIONS.settingsUpdate, subject: null }],
};

/** Settings → SMTP accounts: the module switch, test mail on save, the verification timeout, the fallback and the send log. */
const SettingsPage = () => {
  const t = useTranslate();
  const api = useAdminApi();
  const { toggleNotification } = useNotification();
  const { allowedActions, isLoading: isLoadingPermissions } =
    usePluginPermissions(SETTINGS_PERMISSIONS);
  const canUpdate = Boolean(allowedActions.canUpdate);

  const [values, setValues] = useState<ModuleSettings | null>(null);
  /** The settings as stored (loaded, or answered by the last save): Save waits for a change to them. */
  const [stored, setStored] = useState<ModuleSettings | null>(null);
  const [loadError, setLoadError] = useState(false);
  const { isSaving, error, setError, submit } = useFormSubmit(
    t('settings.saveFailed', 'The settings could not be saved')
  );

  useEffect(() => {
    api
      .getSettings()
      .then(({ data }) => {
        setStored(data);
        setValues(data);
      })
      .catch(() => setLoadError(true));
  }, [api]);

  const save = submit(async () => {
    if (!values) return;
    const { data } = await api.updateSettings({ data: values });
    setStored(data);
    setValues(data);
    toggleNotification({ type: 'success', message: t('settings.saved', 'Settings saved') });
  });

  if (isLoadingPermissions) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;
  if (loadError) return <Page.Error />;
  if (!values) return <Page.Loading />;

  const set = <K extends keyof ModuleSettings>(key: K, value: ModuleSettings[K]) =>
    setValues({ ...values, [key]: value });
  const form: SettingsForm = {
    values,
    set,
    fieldErrors: error?.fieldErrors ?? {},
    disabled: isSaving || !canUpdate,
  };
  // as Strapi's own settings pages: nothing to save until a value differs from the stored one
  const isDirty = JSON.stringify(values) !== JSON.stringify(stored);
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
              <Button
                type="submit"
                startIcon={<Check />}
                loading={isSaving}
                disabled={isSaving || !isDirty}
              >
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
                <SettingsSendingFields {...form} />
                <SettingsCheckFields {...form} />
                <SettingsDeliverabilityFields {...form} />
              </Grid.Root>
            </Box>
          </Flex>
        </Layouts.Content>
      </form>
    </Page.Main>
  );
};

export default SettingsPage;
