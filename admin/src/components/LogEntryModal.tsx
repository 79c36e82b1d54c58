import { Alert, Button, Flex, Link, Modal, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useEffect, useRef, useState } from 'react';
import { NavLink } from 'react-router-dom';
import type { SendLogEntry } from '../../../shared/contracts/send-log';
import { useAdminApi } from '../hooks/useAdminApi';
import { useApiError } from '../hooks/useApiError';
import { campaignPath } from '../utils/campaigns';
import { resendBlockReason } from '../utils/logEntry';
import { LogAttempts } from './LogAttempts';
import { LogResendNote } from './LogResendNote';
import { LogStatusBadge } from './LogStatusBadge';
import { UncertainBadge } from './UncertainBadge';
import { useTranslate } from '../hooks/useTranslate';

interface LogEntryModalProps {
  entry: SendLogEntry | null;
  canResend: boolean;
  onClose: () => void;
  /** Called after a resend went out, so the list can show the new entry. */
  onResent: () => void;
}

type ResendOutcome = { ok: true } | { ok: false; message: string };

/** One logged mail: its attempts, and a resend for a failed mail whose body was kept. */
const LogEntryModal = ({ entry, canResend, onClose, onResent }: LogEntryModalProps) => {
  const readApiError = useApiError();
  const t = useTranslate();
  const api = useAdminApi();
  const { toggleNotification } = useNotification();
  const [isResending, setIsResending] = useState(false);
  const [outcome, setOutcome] = useState<ResendOutcome | null>(null);
  // a ref, not only state: two quick clicks land before the re-render that disables the button
  const inFlight = useRef(false);

  useEffect(() => setOutcome(null), [entry?.id]);

  const resend = async () => {
    if (!entry || inFlight.current) return;
    inFlight.current = true;
    setIsResending(true);
    setOutcome(null);
    try {
      await api.resendLogged({ id: entry.id });
      setOutcome({ ok: true });
      toggleNotification({
        type: 'success',
        message: t('log.resend.done', 'The mail was sent again'),
      });
      onResent();
    } catch (error) {
      setOutcome({
        ok: false,
        message: readApiError(error, t('log.resend.failed', 'The mail could not be sent again'))
          .message,
      });
    } finally {
      inFlight.current = false;
      setIsResending(false);
    }
  };

  const showResend = Boolean(entry && canResend && entry.status === 'failed' && entry.canResend);
  const blockReason = entry ? resendBlockReason(entry) : null;

  return (
    <Modal.Root
      open={entry !== null}
      onOpenChange={(open: boolean) => (!open && !isResending ? onClose() : undefined)}
    >
      <Modal.Content>
        <Modal.Header>
          <Modal.Title>
            {entry ? t('log.modal.title', 'Mail #{id}', { id: entry.id }) : ''}
          </Modal.Title>
        </Modal.Header>
        <Modal.Body>
          {entry ? (
            <Flex direction="column" alignItems="stretch" gap={4}>
              <Flex direction="column" alignItems="flex-start" gap={1}>
                <Flex gap={2}>
                  <LogStatusBadge status={entry.status} />
                  {entry.uncertain ? <UncertainBadge /> : null}
                </Flex>
                <LogResendNote entry={entry} />
                <Typography>{t('log.modal.from', 'From: {from}', { from: entry.from })}</Typography>
                <Typography>
                  {t(
                    'log.modal.to',
                    'To: {to} ({count, plural, one {# recipient} other {# recipients}})',
                    {
                      to: entry.firstRecipient,
                      count: entry.recipientsCount,
                    }
                  )}
                </Typography>
                <Typography>
                  {t('log.modal.subject', 'Subject: {subject}', { subject: entry.subject || '—' })}
                </Typography>
                {entry.messageId ? (
                  <Typography data-testid="log-message-id">
                    {t('log.modal.messageId', 'Message-ID: {messageId}', {
                      messageId: entry.messageId,
                    })}
                  </Typography>
                ) : null}
                {entry.batchId ? (
                  <Typography>
                    {t('log.modal.batch', 'Campaign batch:')}{' '}
                    <Link tag={NavLink} to={campaignPath(entry.batchId)}>
                      {t('log.modal.batchLink', 'batch #{id}', { id: entry.batchId })}
                    </Link>
                  </Typography>
                ) : null}
                {entry.errorCode ? (
                  <Typography textColor="danger600">
                    {t('log.modal.errorCode', 'Error code: {code}', { code: entry.errorCode })}
                  </Typography>
                ) : null}
              </Flex>
              <Typography variant="delta" tag="h3">
                {t('log.modal.attempts', 'Attempts')}
              </Typography>
              <LogAttempts attempts={entry.attemptLog} />
              {blockReason === 'maybeDelivered' ? (
                <Typography textColor="neutral600" data-testid="resend-block">
                  {t(
                    'log.resend.maybeDelivered',
                    'This mail is not resent: the connection dropped while the message was being transferred, after the server could have taken it. It may have been delivered; a resend could deliver it twice.'
                  )}
                </Typography>
              ) : null}
              {blockReason === 'noBody' ? (
                <Typography textColor="neutral600" data-testid="resend-block">
                  {t('log.resend.noBody', 'This mail cannot be resent: its body was not kept.')}
                </Typography>
              ) : null}
              {outcome?.ok ? (
                <Alert
                  variant="success"
                  closeLabel={t('log.modal.close', 'Close')}
                  title={t('log.resend.done', 'The mail was sent again')}
                  onClose={() => setOutcome(null)}
                >
                  {t('log.resend.doneHint', 'The new send is at the top of the log.')}
                </Alert>
              ) : null}
              {outcome && !outcome.ok ? (
                <Alert
                  variant="danger"
                  closeLabel={t('log.modal.close', 'Close')}
                  title={t('log.resend.failed', 'The mail could not be sent again')}
                  onClose={() => setOutcome(null)}
                >
                  {outcome.message}
                </Alert>
              ) : null}
            </Flex>
          ) : null}
        </Modal.Body>
        <Modal.Footer>
          <Modal.Close>
            <Button variant="tertiary" disabled={isResending}>
              {t('log.modal.close', 'Close')}
            </Button>
          </Modal.Close>
          {showResend ? (
            <Button
              startIcon={<ArrowClockwise />}
              onClick={resend}
              loading={isResending}
              disabled={isResending || outcome?.ok === true}
            >
              {t('log.resend.button', 'Resend')}
            </Button>
          ) : null}
        </Modal.Footer>
      </Modal.Content>
    </Modal.Root>
  );
};

export { LogEntryModal };
