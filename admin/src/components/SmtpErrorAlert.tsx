import { Alert, Typography } from '@strapi/design-system';
import { useIntl } from 'react-intl';
import type { SmtpStage } from '../../../shared/constants';
import type { ApiErrorInfo } from '../utils/apiError';
import { getTranslation } from '../utils/getTranslation';

const STAGE_TEXT: Record<SmtpStage, string> = {
  connect: 'connect',
  timeout: 'timeout',
  tls: 'TLS',
  auth: 'authentication',
  sender: 'sender (MAIL FROM)',
  recipient: 'recipient (RCPT TO)',
  data: 'message data (DATA)',
  unknown: 'unknown',
};

interface SmtpErrorAlertProps {
  error: ApiErrorInfo;
  onClose?: () => void;
  /** Title when the failure is not an SMTP one (a validation error, a missing account...). */
  title?: string;
}

/** A save or test failure: the server's message, and for SMTP failures the stage and the server's own reply. */
const SmtpErrorAlert = ({ error, onClose, title: otherTitle }: SmtpErrorAlertProps) => {
  const { formatMessage } = useIntl();
  const title = error.smtp
    ? formatMessage(
        { id: getTranslation('error.smtpTitle'), defaultMessage: 'SMTP check failed at stage: {stage}' },
        { stage: formatMessage({ id: getTranslation(`stage.${error.smtp.stage}`), defaultMessage: STAGE_TEXT[error.smtp.stage] }) }
      )
    : (otherTitle ?? formatMessage({ id: getTranslation('error.title'), defaultMessage: 'Could not save' }));

  return (
    <Alert
      variant="danger"
      title={title}
      closeLabel={formatMessage({ id: getTranslation('error.close'), defaultMessage: 'Close' })}
      onClose={onClose}
    >
      <Typography>{error.message}</Typography>
      {error.smtp?.response ? (
        <Typography tag="p" textColor="neutral700">
          {formatMessage(
            { id: getTranslation('error.serverReply'), defaultMessage: 'Server reply: {reply}' },
            { reply: error.smtp.response }
          )}
        </Typography>
      ) : null}
    </Alert>
  );
};

export { SmtpErrorAlert };
