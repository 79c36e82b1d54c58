import { Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { SendLogEntry } from '../../../shared/contracts/send-log';
import { getTranslation } from '../utils/getTranslation';

/** "resent" on a failed entry that was sent again, "resend of #N" on the new entry. */
const LogResendNote = ({ entry }: { entry: SendLogEntry }) => {
  const { formatMessage } = useIntl();
  // the fields come with the resend work on the server; absent means neither
  const { resendOf, resentAt } = entry as Partial<Pick<SendLogEntry, 'resendOf' | 'resentAt'>>;
  if (!resendOf && !resentAt) return null;
  return (
    <Typography variant="pi" textColor="neutral600" data-testid="resend-note">
      {resendOf
        ? formatMessage({ id: getTranslation('log.resendOf'), defaultMessage: 'resend of #{id}' }, { id: resendOf })
        : formatMessage({ id: getTranslation('log.resent'), defaultMessage: 'resent' })}
    </Typography>
  );
};

export { LogResendNote };
