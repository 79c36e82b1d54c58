import { Box, Flex, Link, Loader, Typography } from '@strapi/design-system';
import { Layouts, Page, useNotification } from '@strapi/strapi/admin';
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate, useSearchParams } from 'react-router-dom';
import { SmtpErrorAlert } from '../components/SmtpErrorAlert';
import { useAdminApi } from '../hooks/useAdminApi';
import { useApiError } from '../hooks/useApiError';
import type { ApiErrorInfo } from '../utils/apiError';
import { OAUTH_PENDING_ACCOUNT_KEY } from '../utils/oauthCallback';
import { useTranslate } from '../hooks/useTranslate';
import { panelPaths } from '../utils/panelPaths';

/**
 * Where the provider sends the admin back after Connect: hands `code` and `state` to the server
 * (which checks them, gets the tokens and logs in over XOAUTH2), then opens the account.
 */
const OAuthCallbackPage = () => {
  const t = useTranslate();
  const [params] = useSearchParams();
  const api = useAdminApi();
  const { toggleNotification } = useNotification();
  const navigate = useNavigate();
  const readApiError = useApiError();
  const [error, setError] = useState<ApiErrorInfo | null>(null);
  /** The state is single-use: React's development double effect must not send it twice. */
  const sent = useRef(false);

  useEffect(() => {
    if (sent.current) return;
    sent.current = true;
    const providerError = params.get('error');
    const code = params.get('code');
    const state = params.get('state');
    if (providerError || !code || !state) {
      const detail = params.get('error_description') || providerError || '';
      const message = t(
        'oauth.callback.refused',
        'The provider did not allow the sign-in: {detail}',
        { detail: detail || t('oauth.callback.noCode', 'no code came back') }
      );
      setError({ message, issues: [], fieldErrors: {} });
      return;
    }
    api
      .completeOAuth({ state, code })
      .then(({ data }) => {
        toggleNotification({
          type: 'success',
          message: t('oauth.callback.connected', '{email} is connected', {
            email: data.email,
          }),
        });
        navigate(panelPaths.account(data.id), { replace: true });
      })
      .catch((caught) =>
        setError(
          readApiError(caught, t('oauth.callback.failed', 'The sign-in could not be completed'))
        )
      );
    // runs once per visit: the query is the provider's one-time answer
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const pendingAccount = window.sessionStorage.getItem(OAUTH_PENDING_ACCOUNT_KEY);
  const backTo =
    pendingAccount && /^\d+$/.test(pendingAccount)
      ? panelPaths.account(pendingAccount)
      : panelPaths.accounts;
  const title = t('oauth.callback.title', 'OAuth2 sign-in');
  return (
    <Page.Main>
      <Page.Title>{title}</Page.Title>
      <Layouts.Header title={title} />
      <Layouts.Content>
        <Box background="neutral0" hasRadius shadow="filterShadow" padding={6}>
          {error ? (
            <Flex direction="column" alignItems="stretch" gap={4}>
              <SmtpErrorAlert
                error={error}
                title={t('oauth.callback.failed', 'The sign-in could not be completed')}
              />
              <Link tag={RouterLink} to={backTo}>
                {pendingAccount
                  ? t('oauth.callback.backToAccount', 'Back to the account')
                  : t('oauth.callback.back', 'Back to the SMTP accounts')}
              </Link>
            </Flex>
          ) : (
            <Flex gap={3} role="status">
              <Loader small />
              <Typography>
                {t('oauth.callback.checking', 'Signing in and checking the SMTP login…')}
              </Typography>
            </Flex>
          )}
        </Box>
      </Layouts.Content>
    </Page.Main>
  );
};

export { OAuthCallbackPage };
