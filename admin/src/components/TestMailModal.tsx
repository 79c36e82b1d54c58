import { Alert, Box, Button, Modal, TextInput, Typography } from '@strapi/design-system';
import { useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import type { SendTestMail, SmtpAccount } from '../../../shared/contracts/accounts';
import type { ApiErrorInfo } from '../utils/apiError';
import { useAdminApi } from '../hooks/useAdminApi';
import { useApiError } from '../hooks/useApiError';
import { ERROR_MESSAGES } from '../utils/errorMessages';
import { getTranslation } from '../utils/getTranslation';
import { LabelledField } from './LabelledField';
import { SmtpErrorAlert } from './SmtpErrorAlert';
import { useTranslate } from '../hooks/useTranslate';

/** A plain shape check (one @, a dot in the domain); the server checks properly. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

interface TestMailModalProps {
  account: SmtpAccount | null;
  onClose: () => void;
}

/** Sends one real message through the account and shows the server's answer either way. */
const TestMailModal = ({ account, onClose }: TestMailModalProps) => {
  const { formatMessage } = useIntl();
  const readApiError = useApiError();
  const api = useAdminApi();
  const [to, setTo] = useState('');
  const [isSending, setIsSending] = useState(false);
  const [result, setResult] = useState<SendTestMail.Response['data'] | null>(null);
  const [error, setError] = useState<ApiErrorInfo | null>(null);
  const [toError, setToError] = useState<string | null>(null);
  const t = useTranslate();

  const close = () => {
    setResult(null);
    setError(null);
    setToError(null);
    onClose();
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!account || isSending) return;
    // checked here, inline: the browser's own popup for type="email" is turned off (noValidate)
    if (!EMAIL.test(to.trim())) {
      setToError(
        formatMessage(
          {
            id: getTranslation('error.code.INVALID_EMAIL'),
            defaultMessage: ERROR_MESSAGES.INVALID_EMAIL,
          },
          { field: t('testMail.to', 'Recipient') }
        )
      );
      return;
    }
    setToError(null);
    setIsSending(true);
    setResult(null);
    setError(null);
    try {
      const { data } = await api.sendTestMail({ id: account.id }, { to });
      setResult(data);
    } catch (caught) {
      const info = readApiError(caught, t('testMail.failed', 'The test mail could not be sent'));
      if (info.fieldErrors.to) setToError(info.fieldErrors.to);
      else setError(info);
    } finally {
      setIsSending(false);
    }
  };

  return (
    <Modal.Root
      open={account !== null}
      onOpenChange={(open: boolean) => (!open ? close() : undefined)}
    >
      <Modal.Content>
        <form onSubmit={send} noValidate>
          <Modal.Header>
            <Modal.Title>{t('testMail.title', 'Send a test mail')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Typography tag="p" marginBottom={4}>
              {t('testMail.from', 'From: {account}', {
                account: account
                  ? account.name
                    ? `${account.name} <${account.email}>`
                    : account.email
                  : '',
              })}
            </Typography>
            <LabelledField
              name="to"
              required
              error={toError ?? undefined}
              label={t('testMail.to', 'Recipient')}
              hint={t('testMail.toHint', 'The address that should receive the test mail')}
            >
              <TextInput
                type="email"
                value={to}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => {
                  setTo(e.target.value);
                  setToError(null);
                }}
              />
            </LabelledField>
            {result ? (
              <Alert
                marginTop={4}
                variant="success"
                title={t('testMail.sent', 'Test mail sent')}
                closeLabel={t('error.close', 'Close')}
                onClose={() => setResult(null)}
              >
                {t('testMail.serverReply', 'Server reply: {reply}', { reply: result.response })}
              </Alert>
            ) : null}
            {error ? (
              <Box marginTop={4}>
                <SmtpErrorAlert error={error} onClose={() => setError(null)} />
              </Box>
            ) : null}
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('testMail.close', 'Close')}</Button>
            </Modal.Close>
            <Button type="submit" loading={isSending} disabled={isSending || !to.trim()}>
              {t('testMail.send', 'Send')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};

export { TestMailModal };
