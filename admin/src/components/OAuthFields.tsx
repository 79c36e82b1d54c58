import { Grid, SingleSelect, SingleSelectOption, TextInput } from '@strapi/design-system';
import type { ChangeEvent } from 'react';
import { LIMITS, OAUTH_PROVIDERS, type OAuthProvider } from '../../../shared/constants';
import type { AccountFormValues } from '../utils/accountForm';
import { GridField } from './GridField';
import { RedirectUriHint } from './RedirectUriHint';
import { useTranslate } from '../hooks/useTranslate';

type OAuthTextField =
  | 'oauthTenant'
  | 'oauthClientId'
  | 'oauthClientSecret'
  | 'oauthAuthorizeUrl'
  | 'oauthTokenUrl'
  | 'oauthScope';

interface OAuthFieldsProps {
  values: AccountFormValues;
  onChange: (values: AccountFormValues) => void;
  /** A new provider choice: the page may also fill the SMTP server the preset implies. */
  onProviderChange: (provider: OAuthProvider) => void;
  fieldErrors: Record<string, string>;
  /** The stored account has a client secret (edit only): an empty field keeps it. */
  hasClientSecret: boolean;
  disabled: boolean;
}

export const PROVIDER_LABELS: Record<OAuthProvider, string> = {
  microsoft: 'Microsoft 365',
  google: 'Google',
  generic: 'Other OAuth2 provider',
};

/** What the app registration must be granted at the provider for XOAUTH2 sending with a refresh token. */
const PERMISSIONS_HINTS: Record<Exclude<OAuthProvider, 'generic'>, string> = {
  microsoft:
    'At Microsoft (Entra ID → App registrations → API permissions) grant the delegated permissions SMTP.Send (Office 365 Exchange Online, https://outlook.office.com/SMTP.Send) and offline_access.',
  google:
    'At Google (Cloud console → OAuth consent screen) add the scope https://mail.google.com/; Connect asks for offline access (a refresh token) itself.',
};

/** The app registration of an OAuth2 (XOAUTH2) account: provider, tenant, client id/secret, and URLs for "Other". */
const OAuthFields = ({
  values,
  onChange,
  onProviderChange,
  fieldErrors,
  hasClientSecret,
  disabled,
}: OAuthFieldsProps) => {
  const t = useTranslate();
  const text = (key: OAuthTextField) => (e: ChangeEvent<HTMLInputElement>) =>
    onChange({ ...values, [key]: e.target.value });
  const isGeneric = values.oauthProvider === 'generic';

  return (
    <>
      <GridField
        name="oauthProvider"
        required
        error={fieldErrors.oauthProvider}
        label={t('form.oauth.provider', 'Provider')}
        hint={
          values.oauthProvider === 'generic' ? undefined : (
            <span data-testid="oauth-permissions-hint">
              {t(
                `form.oauth.permissionsHint.${values.oauthProvider}`,
                PERMISSIONS_HINTS[values.oauthProvider]
              )}
            </span>
          )
        }
      >
        <SingleSelect
          value={values.oauthProvider}
          onChange={(v: string | number) => onProviderChange(v as OAuthProvider)}
          disabled={disabled}
        >
          {OAUTH_PROVIDERS.map((provider) => (
            <SingleSelectOption key={provider} value={provider}>
              {t(`form.oauth.provider.${provider}`, PROVIDER_LABELS[provider])}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </GridField>
      {values.oauthProvider === 'microsoft' ? (
        <GridField
          name="oauthTenant"
          required
          error={fieldErrors.oauthTenant}
          label={t('form.oauth.tenant', 'Tenant id')}
          hint={t(
            'form.oauth.tenantHint',
            'Directory (tenant) id of the app registration, or "organizations"'
          )}
        >
          <TextInput
            value={values.oauthTenant}
            onChange={text('oauthTenant')}
            maxLength={LIMITS.oauthTenant}
            disabled={disabled}
            autoComplete="off"
          />
        </GridField>
      ) : null}
      <GridField
        name="oauthClientId"
        required
        error={fieldErrors.oauthClientId}
        label={t('form.oauth.clientId', 'Client id')}
      >
        <TextInput
          value={values.oauthClientId}
          onChange={text('oauthClientId')}
          maxLength={LIMITS.oauthClientId}
          disabled={disabled}
          autoComplete="off"
        />
      </GridField>
      <GridField
        name="oauthClientSecret"
        required={!hasClientSecret}
        error={fieldErrors.oauthClientSecret}
        label={t('form.oauth.clientSecret', 'Client secret')}
        hint={
          hasClientSecret
            ? t('form.oauth.clientSecretKeepHint', 'Leave empty to keep the current one')
            : t('form.passwordHint', 'Stored encrypted; never shown again')
        }
      >
        <TextInput
          type="password"
          value={values.oauthClientSecret}
          onChange={text('oauthClientSecret')}
          maxLength={LIMITS.oauthSecret}
          disabled={disabled}
          autoComplete="new-password"
        />
      </GridField>
      {isGeneric ? (
        <>
          <GridField
            name="oauthAuthorizeUrl"
            required
            error={fieldErrors.oauthAuthorizeUrl}
            label={t('form.oauth.authorizeUrl', 'Authorization URL')}
          >
            <TextInput
              type="url"
              value={values.oauthAuthorizeUrl}
              onChange={text('oauthAuthorizeUrl')}
              maxLength={LIMITS.url}
              disabled={disabled}
              placeholder="https://"
            />
          </GridField>
          <GridField
            name="oauthTokenUrl"
            required
            error={fieldErrors.oauthTokenUrl}
            label={t('form.oauth.tokenUrl', 'Token URL')}
            hint={t(
              'form.oauth.tokenUrlHint',
              'https (http only on this machine); receives the client secret'
            )}
          >
            <TextInput
              type="url"
              value={values.oauthTokenUrl}
              onChange={text('oauthTokenUrl')}
              maxLength={LIMITS.url}
              disabled={disabled}
              placeholder="https://"
            />
          </GridField>
          <GridField
            name="oauthScope"
            error={fieldErrors.oauthScope}
            label={t('form.oauth.scope', 'Scope')}
            hint={t(
              'form.oauth.scopeHint',
              'Space-separated; include what gives a refresh token (e.g. offline_access)'
            )}
          >
            <TextInput
              value={values.oauthScope}
              onChange={text('oauthScope')}
              maxLength={LIMITS.oauthScope}
              disabled={disabled}
            />
          </GridField>
        </>
      ) : null}
      <Grid.Item col={12} direction="column" alignItems="stretch">
        <RedirectUriHint />
      </Grid.Item>
    </>
  );
};

export { OAuthFields };
