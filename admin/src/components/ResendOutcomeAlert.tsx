import { Alert, Button, Typography } from '@strapi/design-system';
import { useTranslate } from '../hooks/useTranslate';

/** How a resend went: the new entry it wrote (when it wrote one) and, for a failure, why. */
export type ResendOutcome =
  { ok: true; logId: number } | { ok: false; logId: number | null; message: string };

interface ResendOutcomeAlertProps {
  outcome: ResendOutcome;
  /** Whether the list as filtered now shows this entry. */
  isListed: (id: number) => boolean;
  /** Opens the entry's details, clearing the filters when they hide it. */
  onShowEntry: (id: number) => void;
  onClose: () => void;
}

/** The answer of a resend in the entry dialog: the new entry's number, where it is, and a way to it. */
const ResendOutcomeAlert = ({
  outcome,
  isListed,
  onShowEntry,
  onClose,
}: ResendOutcomeAlertProps) => {
  const t = useTranslate();
  const { logId } = outcome;
  const listed = logId !== null && isListed(logId);
  const action =
    logId === null ? undefined : (
      <Button variant="tertiary" size="S" onClick={() => onShowEntry(logId)}>
        {listed
          ? t('log.resend.open', 'Open mail #{id}', { id: logId })
          : t('log.resend.show', 'Show mail #{id} (clears the filters)', { id: logId })}
      </Button>
    );
  const where =
    logId === null ? null : (
      <Typography display="block" textColor="neutral600" data-testid="resend-where">
        {listed
          ? t('log.resend.listed', 'It is in the list below.')
          : t('log.resend.hidden', 'The current filters (or page) hide it.')}
      </Typography>
    );

  if (outcome.ok)
    return (
      <Alert
        variant="success"
        closeLabel={t('log.modal.close', 'Close')}
        title={t('log.resend.done', 'Sent again as mail #{id}.', { id: outcome.logId })}
        onClose={onClose}
        action={action}
        data-testid="resend-outcome"
      >
        {where}
      </Alert>
    );
  return (
    <Alert
      variant="danger"
      closeLabel={t('log.modal.close', 'Close')}
      title={
        logId === null
          ? t('log.resend.failed', 'The mail could not be sent again')
          : t('log.resend.failedAgain', 'The resend failed too: mail #{id}.', { id: logId })
      }
      onClose={onClose}
      action={action}
      data-testid="resend-outcome"
    >
      <Typography display="block" data-testid="resend-reason">
        {outcome.message}
      </Typography>
      {where}
    </Alert>
  );
};

export { ResendOutcomeAlert };
