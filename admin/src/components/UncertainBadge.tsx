import { Badge } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import { getTranslation } from '../utils/getTranslation';

/**
 * A queued mail sent again after the process sending it died mid-send: the first send may have reached
 * the server, so the recipient may have it twice (same Message-ID, which lets their server drop one).
 */
const UncertainBadge = () => {
  const { formatMessage } = useIntl();
  return (
    <Badge
      variant="warning"
      data-testid="uncertain-badge"
      title={formatMessage({
        id: getTranslation('log.uncertainHint'),
        defaultMessage:
          'Sent again after the process sending it stopped mid-send: it may have arrived twice (same Message-ID)',
      })}
    >
      {formatMessage({ id: getTranslation('log.uncertain'), defaultMessage: 'Maybe sent twice' })}
    </Badge>
  );
};

export { UncertainBadge };
