import { Button, Flex, Link, Modal, Typography } from '@strapi/design-system';
import { ArrowClockwise } from '@strapi/icons';
import { useNotification } from '@strapi/strapi/admin';
import { useEffect, useRef, useState } from 'react';
import { NavLink } from 'react-router-dom';
import type { SendLogEntry } from '../../../shared/contracts/send-log';
import { useAdminApi } from '../hooks/useAdminApi';
import { useApiError } from '../hooks/useApiError';
import { campaignPath } from '../utils/campaigns';
import { failedResendEntry, readApiError } from '../utils/apiError';
import { resendBlockReason } from '../utils/logEntry';
import { LogAttempts } from './LogAttempts';
import { LogResendNote } from './LogResendNote';
import { LogStatusBadge } from './LogStatusBadge';
import { ResendOutcomeAlert, type ResendOutcome } from './ResendOutcomeAlert';
import { UncertainBadge } from './UncertainBadge';
import { useTranslate } from '../hooks/useTranslate';

interface LogEntryModalProps {
  entry: SendLogEntry | null;
  canResend: boolean;
  onClose: () => void;
  /** Called after a resend wrote its new entry (sent or failed): the list reloads to show it. */
  onResent: () => Promise<void>;
  /** Whether the list as filtered now shows this entry. */
  isListed: (id: number) => boolean;
  /** Opens another entry's details (the new entry of a resend), clearing the filters when they hide it. */
  onShowEntry: (id: number) => void;
}

/** One logged mail: its attempts, and a resend for a failed mail whose body was kept. */
const LogEntryModal = ({
  entry,
  canResend,
  onClose,
  onResent,
  isListed,
  onShowEntry,
}: LogEntryModalProps) => {
  const readTranslatedError = useApiError();
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
      const { data } = await api.resendLogged({ id: entry.id });
      await onResent();
      setOutcome({ ok: true, logId: data.logId });
      toggleNotification({
        type: 'success',
        message: t('log.resend.done', 'Sent again as mail #{id}.', { id: data.logId }),
      });
    } catch (error) {
      const fallback = t('log.resend.failed', 'The mail could not be sent again');
      const logId = failedResendEntry(error);
      if (logId !== null) await onResent();
      // a resend that failed too: its new entry, and the server's summary of every attempt as the reason
      setOutcome({
        ok: false,
        logId,
        message:
          logId === null
            ? readTranslatedError(error, fallback).message
            : readApiError(error, fallback).message,
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
              {outcome ? (
                <ResendOutcomeAlert
                  outcome={outcome}
                  isListed={isListed}
                  onShowEntry={onShowEntry}
                  onClose={() => setOutcome(null)}
                />
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
