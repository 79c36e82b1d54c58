import { Flex, IconButton, Typography } from '@strapi/design-system';
import { Duplicate } from '@strapi/icons';
import { useClipboard, useNotification } from '@strapi/strapi/admin';
import { useOAuthRedirectUri } from '../hooks/useOAuthRedirectUri';
import { useTranslate } from '../hooks/useTranslate';

/** The exact redirect URI to register with the provider, with a copy button. */
const RedirectUriHint = () => {
  const t = useTranslate();
  const redirectUri = useOAuthRedirectUri();
  const { copy } = useClipboard();
  const { toggleNotification } = useNotification();

  const copyUri = async () => {
    if (await copy(redirectUri))
      toggleNotification({
        type: 'info',
        message: t('form.oauth.redirectUriCopied', 'Redirect URI copied'),
      });
  };

  return (
    <Flex direction="column" alignItems="stretch" gap={1}>
      <Typography variant="pi" fontWeight="bold">
        {t('form.oauth.redirectUri', 'Redirect URI')}
      </Typography>
      <Flex gap={2}>
        <Typography
          variant="omega"
          data-testid="oauth-redirect-uri"
          style={{ wordBreak: 'break-all' }}
        >
          {redirectUri}
        </Typography>
        <IconButton
          label={t('form.oauth.copyRedirectUri', 'Copy the redirect URI')}
          variant="ghost"
          onClick={copyUri}
          type="button"
        >
          <Duplicate />
        </IconButton>
      </Flex>
      <Typography variant="pi" textColor="neutral600">
        {t(
          'form.oauth.redirectUriHint',
          'Register this URL as a redirect URI (a "Web" platform) of the app at the provider; Connect sends you there and back to this page.'
        )}
      </Typography>
    </Flex>
  );
};

export { RedirectUriHint };
