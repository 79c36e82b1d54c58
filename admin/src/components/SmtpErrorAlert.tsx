import { Alert, Typography } from '@strapi/design-system';
import type { SmtpStage } from '../../../shared/constants';
import type { ApiErrorInfo } from '../utils/apiError';
import { useTranslate } from '../hooks/useTranslate';

/** The title of an SMTP failure: the stage that failed. */
const STAGE_TITLE: Record<SmtpStage, string> = {
  connect: 'Could not connect to the SMTP server',
  timeout: 'The SMTP server did not answer in time',
  tls: 'The TLS connection failed',
  auth: 'The SMTP server refused the login',
  sender: 'The SMTP server refused the sender',
  recipient: 'The SMTP server refused the recipient',
  data: 'The SMTP server refused the message',
  unknown: 'The SMTP check failed',
};

/** One sentence of what to check, per stage. */
const STAGE_ADVICE: Record<SmtpStage, string> = {
  connect:
    'Check the host and the port, and that the server accepts connections from this machine.',
  timeout:
    'Check the host, the port and the security mode (SSL/TLS usually on 465, STARTTLS on 587), or raise the verification timeout.',
  tls: "Check the security mode and the port, and that the server's certificate is valid for this host name.",
  auth: 'Check the username, the password and the authentication method.',
  sender: 'Check that this account may send as its sender email address.',
  recipient: 'Check the recipient address: the server does not accept mail for it.',
  data: 'The server accepted the addresses but not the message: see its reply below.',
  unknown: "See the server's reply below.",
};

interface SmtpErrorAlertProps {
  error: ApiErrorInfo;
  onClose?: () => void;
  /** Title when the failure is not an SMTP one (a validation error, a missing account...). */
  title?: string;
}

/** A save or test failure: for SMTP failures the stage as the title, what to check, and the server's own reply. */
const SmtpErrorAlert = ({ error, onClose, title: otherTitle }: SmtpErrorAlertProps) => {
  const t = useTranslate();
  const stage = error.smtp?.stage;
  const isPasswordProblem = error.smtp && error.issues.length > 0;
  const title =
    stage && !isPasswordProblem
      ? t(`error.stage.${stage}.title`, STAGE_TITLE[stage])
      : (otherTitle ?? t('error.title', 'Could not save'));
  const body =
    stage && !isPasswordProblem
      ? t(`error.stage.${stage}.advice`, STAGE_ADVICE[stage])
      : error.message;
  const code = error.smtp?.code && !isPasswordProblem ? error.smtp.code : null;

  return (
    <Alert
      variant="danger"
      title={title}
      closeLabel={t('error.close', 'Close')}
      onClose={onClose}
      data-testid="error-alert"
      data-stage={stage}
    >
      <Typography tag="span" display="block">
        {body}
      </Typography>
      {error.smtp?.response && !isPasswordProblem ? (
        <Typography tag="span" display="block" textColor="neutral700" marginTop={1}>
          {t('error.serverReply', 'Server reply: {reply}', {
            reply: code ? `${error.smtp.response} (${code})` : error.smtp.response,
          })}
        </Typography>
      ) : null}
    </Alert>
  );
};

export { SmtpErrorAlert };
