import { Badge } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { OAuthStatus } from '../../../shared/constants';
import { getTranslation } from '../utils/getTranslation';

const STATUS_TEXT: Record<OAuthStatus, string> = {
  pending: 'Not connected',
  connected: 'Connected',
  'reauth-required': 'Needs re-authorization',
};
const COLORS: Record<OAuthStatus, { backgroundColor: string; textColor: string }> = {
  pending: { backgroundColor: 'neutral150', textColor: 'neutral600' },
  connected: { backgroundColor: 'success100', textColor: 'success700' },
  'reauth-required': { backgroundColor: 'danger100', textColor: 'danger700' },
};

/** Where an OAuth2 account stands: waiting for Connect, connected, or signed out by the provider. */
const OAuthStatusBadge = ({ status }: { status: OAuthStatus }) => {
  const { formatMessage } = useIntl();
  return (
    <Badge size="S" {...COLORS[status]} data-testid="oauth-status" data-status={status}>
      {formatMessage({
        id: getTranslation(`oauth.status.${status}`),
        defaultMessage: STATUS_TEXT[status],
      })}
    </Badge>
  );
};

export { OAuthStatusBadge };
