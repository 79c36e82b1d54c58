import { Badge } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { SendStatus } from '../../../shared/constants';
import { getTranslation } from '../utils/getTranslation';

const VARIANT = {
  sent: 'success',
  failed: 'danger',
  fallback: 'warning',
  suppressed: 'neutral',
} as const;
const TEXT: Record<SendStatus, string> = {
  sent: 'Sent',
  failed: 'Failed',
  fallback: 'Via provider',
  suppressed: 'Suppressed',
};

/** A send's outcome in words and colour. */
const LogStatusBadge = ({ status }: { status: SendStatus }) => {
  const { formatMessage } = useIntl();
  return (
    <Badge variant={VARIANT[status]} data-status={status}>
      {formatMessage({ id: getTranslation(`log.status.${status}`), defaultMessage: TEXT[status] })}
    </Badge>
  );
};

export { LogStatusBadge };
