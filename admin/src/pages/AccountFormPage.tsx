import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { Check } from '@strapi/icons';
import { BackButton, isFetchError, Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { useNavigate, useParams } from 'react-router-dom';
import type { SmtpAccount } from '../../../shared/contracts/accounts';
import { AccountForm } from '../components/AccountForm';
import { DomainCheckPanel } from '../components/DomainCheckPanel';
import { SmtpErrorAlert } from '../components/SmtpErrorAlert';
import { UnsavedChangesGuard } from '../components/UnsavedChangesGuard';
import { NotFoundPage } from './NotFoundPage';
import { useAccountPermissions } from '../hooks/useAccountPermissions';
import { useAdminApi } from '../hooks/useAdminApi';
import {
  EMPTY_ACCOUNT,
  missingFields,
  movesPassword,
  toFormValues,
  toInput,
  type AccountFormValues,
  type RequiredField,
} from '../utils/accountForm';
import type { ApiErrorInfo } from '../utils/apiError';
import { useApiError } from '../hooks/useApiError';
import { useIssueText } from '../hooks/useIssueText';
import { getTranslation } from '../utils/getTranslation';
import { ModuleOffBanner } from '../components/ModuleOffBanner';
import { OAuthConnectPanel } from '../components/OAuthConnectPanel';
import { panelPaths } from '../utils/panelPaths';

/** Create (`/new`) or edit (`/:id`) one account; the server verifies the SMTP login before it stores anything. */
const AccountFormPage = () => {
  const { id } = useParams<{ id: string }>();
  const isEdit = id !== undefined && id !== 'new';
  const isKnownId = !isEdit || /^\d{1,9}$/.test(id);
  const { formatMessage } = useIntl();
  const readApiError = useApiError();
  const issueText = useIssueText();
  const t = (key: string, defaultMessage: string, values?: Record<string, string>) =>
    formatMessage({ id: getTranslation(key), defaultMessage }, values);
  const api = useAdminApi();
  const { toggleNotification } = useNotification();
  const navigate = useNavigate();
  const permissions = useAccountPermissions();

  const [stored, setStored] = useState<SmtpAccount | null>(null);
  const [values, setValues] = useState<AccountFormValues>(EMPTY_ACCOUNT);
  const [loadError, setLoadError] = useState<'missing' | 'failed' | null>(
    isKnownId ? null : 'missing'
  );
  /** Set just before leaving after a save, so the unsaved-changes guard lets that navigation through. */
  const saved = useRef(false);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<ApiErrorInfo | null>(null);
  const [connectFieldErrors, setConnectFieldErrors] = useState<Record<string, string>>({});
  /** Required fields found empty at the last Save, until each is filled in again. */
  const [missing, setMissing] = useState<RequiredField[]>([]);

  // a new OAuth2 account moves to its own page after the save: the guard watches that page from here on
  useEffect(() => {
    saved.current = false;
  }, [id]);

  useEffect(() => {
    if (!isEdit || !isKnownId) return;
    api
      .getAccount({ id })
      .then(({ data }) => {
        setStored(data);
        setValues(toFormValues(data));
      })
      .catch((caught) =>
        setLoadError(isFetchError(caught) && caught.status === 404 ? 'missing' : 'failed')
      );
  }, [api, id, isEdit, isKnownId]);

  const change = (next: AccountFormValues) => {
    setValues(next);
    if (missing.length > 0) {
      const stillMissing = missingFields(next, stored);
      setMissing(missing.filter((field) => stillMissing.includes(field)));
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (isSaving) return;
    // a required field left empty is named on its field, and nothing is sent (the server refuses it too)
    const empty = missingFields(values, stored);
    setMissing(empty);
    if (empty.length > 0) {
      setError(null);
      return;
    }
    setIsSaving(true);
    setError(null);
    try {
      const body = { data: toInput(values, stored) };
      const { data } = isEdit
        ? await api.updateAccount({ id }, body)
        : await api.createAccount(body);
      toggleNotification({
        type: 'success',
        message: isEdit
          ? t('form.updated', 'SMTP account {email} saved', { email: data.email })
          : t('form.created', 'SMTP account {email} created', { email: data.email }),
      });
      saved.current = true;
      // a saved OAuth2 account is not usable before Connect: stay on its page, where the button is
      if (data.authType === 'oauth2') {
        setStored(data);
        setValues(toFormValues(data));
        setConnectFieldErrors({});
        setIsSaving(false);
        if (!isEdit) navigate(panelPaths.account(data.id), { replace: true });
        else saved.current = false;
        return;
      }
      navigate(panelPaths.accounts);
    } catch (caught) {
      setError(readApiError(caught, t('form.saveFailed', 'The account could not be saved')));
      setIsSaving(false);
    }
  };

  // `/plugins/smtp-accounts/<anything else>` is this route too: only a number names an account
  if (loadError === 'missing')
    return isKnownId ? <NotFoundPage what="account" id={id} /> : <NotFoundPage what="page" />;
  if (loadError) return <Page.Error />;
  if (permissions.isLoading || (isEdit && stored === null)) return <Page.Loading />;
  if (!(isEdit ? permissions.canUpdate : permissions.canCreate)) return <Page.NoPermissions />;

  const initial = stored ? toFormValues(stored) : EMPTY_ACCOUNT;
  const isDirty = JSON.stringify(values) !== JSON.stringify(initial);
  const passwordRequired = isEdit && stored !== null && movesPassword(stored, values);
  const requiredErrors = Object.fromEntries(
    missing.map((field) => [field, issueText({ code: 'REQUIRED', field, message: '' })])
  );

  const title = isEdit
    ? t('form.editTitle', 'Edit {email}', { email: stored?.email ?? '' })
    : t('form.createTitle', 'Create an SMTP account');

  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <form onSubmit={save} noValidate>
        <Layouts.Header
          navigationAction={<BackButton disabled={false} fallback={panelPaths.accounts} />}
          title={title}
          subtitle={
            values.authType === 'oauth2'
              ? t(
                  'form.subtitleOAuth',
                  'Saving stores the sign-in settings; Connect signs in at the provider and checks the SMTP login.'
                )
              : t(
                  'form.subtitle',
                  'Saving connects to the SMTP server and logs in; nothing is stored if that fails.'
                )
          }
          primaryAction={
            <Button type="submit" startIcon={<Check />} loading={isSaving} disabled={isSaving}>
              {t('form.save', 'Save')}
            </Button>
          }
        />
        <Layouts.Content>
          <Flex direction="column" alignItems="stretch" gap={4}>
            <ModuleOffBanner />
            {error ? <SmtpErrorAlert error={error} onClose={() => setError(null)} /> : null}
            {isSaving ? (
              <Typography textColor="neutral600" role="status">
                {t('form.verifying', 'Checking the SMTP server… this can take a few seconds.')}
              </Typography>
            ) : null}
            {stored && stored.authType === 'oauth2' ? (
              <OAuthConnectPanel
                account={stored}
                isDirty={isDirty}
                onFieldErrors={setConnectFieldErrors}
              />
            ) : null}
            <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
              <AccountForm
                values={values}
                onChange={change}
                fieldErrors={{
                  ...connectFieldErrors,
                  ...(error?.fieldErrors ?? {}),
                  ...requiredErrors,
                }}
                isEdit={isEdit}
                hasPassword={Boolean(stored?.hasPassword)}
                hasClientSecret={Boolean(stored?.hasClientSecret)}
                passwordRequired={passwordRequired}
                disabled={isSaving}
              />
            </Box>
            {stored ? <DomainCheckPanel account={stored} /> : null}
          </Flex>
        </Layouts.Content>
      </form>
      <UnsavedChangesGuard when={isDirty} bypass={saved} />
    </Page.Main>
  );
};

export { AccountFormPage };
