import { Box, Button, Flex, Typography } from '@strapi/design-system';
import { useState } from 'react';
import type { SmtpAccount } from '../../../shared/contracts/accounts';
import { useAdminApi } from '../hooks/useAdminApi';
import { useApiError } from '../hooks/useApiError';
import { useOAuthRedirectUri } from '../hooks/useOAuthRedirectUri';
import type { ApiErrorInfo } from '../utils/apiError';
import { OAUTH_PENDING_ACCOUNT_KEY } from '../utils/oauthCallback';
import { OAuthStatusBadge } from './OAuthStatusBadge';
import { SmtpErrorAlert } from './SmtpErrorAlert';
import { useTranslate } from '../hooks/useTranslate';

interface OAuthConnectPanelProps {
  account: SmtpAccount;
  /** The form has unsaved changes: Connect would sign in with the stored settings, so save first. */
  isDirty: boolean;
  /** A Connect error names a field (a URL, the client secret): the form shows it there too. */
  onFieldErrors: (fieldErrors: Record<string, string>) => void;
}

/** The status of a saved OAuth2 account and its Connect button: the provider's sign-in page, same tab. */
const OAuthConnectPanel = ({ account, isDirty, onFieldErrors }: OAuthConnectPanelProps) => {
  const t = useTranslate();
  const api = useAdminApi();
  const readApiError = useApiError();
  const redirectUri = useOAuthRedirectUri();
  const [isStarting, setIsStarting] = useState(false);
  const [error, setError] = useState<ApiErrorInfo | null>(null);
  const status = account.oauthStatus ?? 'pending';

  const connect = async () => {
    setIsStarting(true);
    setError(null);
    try {
      const { data } = await api.startOAuth({ id: account.id }, { redirectUri });
      // the callback page links back to this account if the sign-in fails (the provider's answer does not say which)
      window.sessionStorage.setItem(OAUTH_PENDING_ACCOUNT_KEY, String(account.id));
      window.location.assign(data.authorizationUrl);
    } catch (caught) {
      const info = readApiError(caught, t('oauth.connectFailed', 'Could not start the sign-in'));
      setError(info);
      onFieldErrors(info.fieldErrors);
      setIsStarting(false);
    }
  };

  return (
    <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
      <Flex direction="column" alignItems="stretch" gap={3}>
        {error ? (
          <SmtpErrorAlert
            error={error}
            title={t('oauth.connectFailed', 'Could not start the sign-in')}
            onClose={() => setError(null)}
          />
        ) : null}
        <Flex justifyContent="space-between" gap={4} wrap="wrap">
          <Flex gap={3}>
            <Typography variant="delta" tag="h2">
              {t('oauth.title', 'OAuth2 sign-in')}
            </Typography>
            <OAuthStatusBadge status={status} />
          </Flex>
          <Button
            type="button"
            onClick={connect}
            loading={isStarting}
            disabled={isStarting || isDirty}
          >
            {status === 'pending'
              ? t('oauth.connect', 'Connect')
              : t('oauth.reconnect', 'Reconnect')}
          </Button>
        </Flex>
        <Typography variant="pi" textColor="neutral600">
          {isDirty
            ? t(
                'oauth.saveFirst',
                'Save your changes first: Connect signs in with the saved settings.'
              )
            : t(
                'oauth.connectHint',
                'Connect opens the provider’s sign-in page; after you allow SMTP access, the account is checked and starts sending.'
              )}
        </Typography>
      </Flex>
    </Box>
  );
};

export { OAuthConnectPanel };
