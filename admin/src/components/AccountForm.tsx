import {
  Checkbox,
  Field,
  Grid,
  SingleSelect,
  SingleSelectOption,
  TextInput,
  Toggle,
} from '@strapi/design-system';
import type { ChangeEvent } from 'react';
import {
  AUTH_TYPES,
  LIMITS,
  SECURITY_MODES,
  type AuthType,
  type OAuthProvider,
  type SecurityMode,
} from '../../../shared/constants';
import { OAUTH_PRESETS } from '../../../shared/oauth-presets';
import { CONVENTIONAL_PORTS, type AccountFormValues } from '../utils/accountForm';

import { AccountLimitFields } from './AccountLimitFields';
import { GridField } from './GridField';
import { OAuthFields } from './OAuthFields';
import { useTranslate } from '../hooks/useTranslate';

interface AccountFormProps {
  values: AccountFormValues;
  onChange: (values: AccountFormValues) => void;
  fieldErrors: Record<string, string>;
  isEdit: boolean;
  /** Whether the stored account has a password (edit only). */
  hasPassword: boolean;
  /** Whether the stored account has an OAuth2 client secret (edit only). */
  hasClientSecret?: boolean;
  /** Edit mode: the server, port, security, authentication or username changed, so the password must be re-entered. */
  passwordRequired?: boolean;
  disabled: boolean;
}

/** Every field of an SMTP account; the page owns loading and saving. */
const AccountForm = ({
  values,
  onChange,
  fieldErrors,
  isEdit,
  hasPassword,
  passwordRequired = false,
  hasClientSecret = false,
  disabled,
}: AccountFormProps) => {
  const t = useTranslate();
  const set = <K extends keyof AccountFormValues>(key: K, value: AccountFormValues[K]) =>
    onChange({ ...values, [key]: value });
  const text =
    (key: 'name' | 'host' | 'username' | 'password') => (e: ChangeEvent<HTMLInputElement>) =>
      set(key, e.target.value);

  const changeSecurity = (security: SecurityMode) => {
    // follow the mode with its usual port, unless the admin typed an unusual one
    const isConventional =
      values.port === undefined || Object.values(CONVENTIONAL_PORTS).includes(values.port);
    onChange({
      ...values,
      security,
      port: isConventional ? CONVENTIONAL_PORTS[security] : values.port,
    });
  };
  /** A new account follows the provider's preset SMTP server (one place: shared/oauth-presets.ts). */
  const withPreset = (next: AccountFormValues): AccountFormValues => {
    if (isEdit || next.authType !== 'oauth2' || next.oauthProvider === 'generic') return next;
    return { ...next, ...OAUTH_PRESETS[next.oauthProvider].smtp };
  };
  /**
   * An OAuth2 mailbox usually signs in as its own address: on a new account the username follows the
   * sender email until the admin types another one.
   */
  const followsEmail =
    !isEdit && (values.username === '' || values.username === values.email.trim());
  const changeEmail = (e: ChangeEvent<HTMLInputElement>) => {
    const email = e.target.value;
    const follow = followsEmail && values.authType === 'oauth2';
    onChange({ ...values, email, username: follow ? email.trim() : values.username });
  };
  const changeAuthType = (authType: AuthType) =>
    onChange(
      withPreset({
        ...values,
        authType,
        username: followsEmail && authType === 'oauth2' ? values.email.trim() : values.username,
      })
    );
  const changeProvider = (oauthProvider: OAuthProvider) =>
    onChange(withPreset({ ...values, oauthProvider }));
  const needsCredentials = values.authType !== 'none';
  const isOAuth = values.authType === 'oauth2';
  const passwordHint = passwordRequired
    ? t('form.passwordReenterHint', 'Re-enter the password to send it to the new server')
    : isEdit && hasPassword
      ? t('form.passwordKeepHint', 'Leave empty to keep the current one')
      : t('form.passwordHint', 'Stored encrypted; never shown again');

  return (
    <Grid.Root gap={5}>
      <GridField
        name="name"
        error={fieldErrors.name}
        label={t('form.name', 'Sender name')}
        hint={t('form.nameHint', 'The display name of the From line, e.g. "Shop"')}
      >
        <TextInput
          value={values.name}
          onChange={text('name')}
          maxLength={LIMITS.name}
          disabled={disabled}
        />
      </GridField>
      <GridField
        name="email"
        required
        error={fieldErrors.email}
        label={t('form.email', 'Sender email')}
      >
        <TextInput
          type="email"
          value={values.email}
          onChange={changeEmail}
          maxLength={LIMITS.email}
          disabled={disabled}
        />
      </GridField>
      <GridField name="host" required error={fieldErrors.host} label={t('form.host', 'SMTP host')}>
        <TextInput
          value={values.host}
          onChange={text('host')}
          maxLength={LIMITS.host}
          disabled={disabled}
          placeholder="smtp.example.com"
        />
      </GridField>
      <GridField name="port" required error={fieldErrors.port} label={t('form.port', 'Port')}>
        {/* a plain text input: NumberInput would group digits by locale ("36,643"), which misreads as a port */}
        <TextInput
          inputMode="numeric"
          value={values.port === undefined ? '' : String(values.port)}
          onChange={(e: ChangeEvent<HTMLInputElement>) => {
            const digits = e.target.value.replace(/\D/g, '').slice(0, 5);
            set('port', digits ? Number(digits) : undefined);
          }}
          disabled={disabled}
        />
      </GridField>
      <GridField
        name="security"
        required
        error={fieldErrors.security}
        label={t('form.security', 'Security')}
      >
        <SingleSelect
          value={values.security}
          onChange={(v: string | number) => changeSecurity(v as SecurityMode)}
          disabled={disabled}
        >
          {SECURITY_MODES.map((mode) => (
            <SingleSelectOption key={mode} value={mode}>
              {t(`security.${mode}`, mode)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </GridField>
      <GridField
        name="authType"
        required
        error={fieldErrors.authType}
        label={t('form.authType', 'Authentication')}
      >
        <SingleSelect
          value={values.authType}
          onChange={(v: string | number) => changeAuthType(v as AuthType)}
          disabled={disabled}
        >
          {AUTH_TYPES.map((type) => (
            <SingleSelectOption key={type} value={type}>
              {t(`authType.${type}`, type)}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </GridField>
      <GridField
        name="username"
        required={needsCredentials}
        error={fieldErrors.username}
        label={t('form.username', 'Username')}
        hint={
          isOAuth
            ? t(
                'form.oauth.usernameHint',
                'The mailbox that signs in (XOAUTH2 user), usually the sender email'
              )
            : undefined
        }
      >
        <TextInput
          value={values.username}
          onChange={text('username')}
          maxLength={LIMITS.username}
          disabled={disabled || !needsCredentials}
          autoComplete="off"
        />
      </GridField>
      {isOAuth ? (
        <OAuthFields
          values={values}
          onChange={onChange}
          onProviderChange={changeProvider}
          fieldErrors={fieldErrors}
          hasClientSecret={hasClientSecret}
          disabled={disabled}
        />
      ) : (
        <GridField
          name="password"
          required={needsCredentials && (passwordRequired || !(isEdit && hasPassword))}
          error={fieldErrors.password}
          label={t('form.password', 'Password')}
          hint={passwordHint}
        >
          <TextInput
            type="password"
            value={values.password}
            onChange={text('password')}
            maxLength={LIMITS.password}
            disabled={disabled || !needsCredentials}
            autoComplete="new-password"
          />
        </GridField>
      )}
      <GridField
        name="active"
        label={t('form.active', 'Active')}
        hint={t('form.activeHint', 'Inactive accounts are never chosen')}
      >
        <Toggle
          checked={values.active}
          onChange={(e: ChangeEvent<HTMLInputElement>) => set('active', e.target.checked)}
          onLabel={t('form.on', 'On')}
          offLabel={t('form.off', 'Off')}
          disabled={disabled}
        />
      </GridField>
      <Grid.Item col={6} s={12} direction="column" alignItems="stretch">
        <Field.Root
          name="preferForNewsletters"
          hint={t('form.newslettersHint', 'Newsletters from this address use this account first')}
        >
          <Checkbox
            checked={values.preferForNewsletters}
            onCheckedChange={(checked: boolean | 'indeterminate') =>
              set('preferForNewsletters', checked === true)
            }
            disabled={disabled}
          >
            {t('form.preferForNewsletters', 'Prefer for newsletters')}
          </Checkbox>
          <Field.Hint />
        </Field.Root>
      </Grid.Item>
      <AccountLimitFields
        values={values}
        onChange={set}
        fieldErrors={fieldErrors}
        disabled={disabled}
      />
    </Grid.Root>
  );
};

export { AccountForm };
