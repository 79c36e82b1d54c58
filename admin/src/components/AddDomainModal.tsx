import { Box, Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import type { SendingDomain } from '../../../shared/contracts/deliverability';
import type { ApiErrorInfo } from '../utils/apiError';
import { useAdminApi } from '../hooks/useAdminApi';
import { useApiError } from '../hooks/useApiError';
import { useTranslate } from '../hooks/useTranslate';
import { SmtpErrorAlert } from './SmtpErrorAlert';

/** A dated selector (`s202612`): the next rotation gets a new name, and the old record can stay a while. */
const suggestedSelector = () => {
  const now = new Date();
  return `s${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}`;
};

interface AddDomainModalProps {
  open: boolean;
  /** Filled in from a link ("Add a DKIM key for example.com" in an account's domain check). */
  initialDomain: string;
  onClose: () => void;
  onAdded: (domain: SendingDomain) => void;
}

/** "Add domain": a domain and a selector; the server makes the RSA 2048 key pair and answers the record. */
const AddDomainModal = ({ open, initialDomain, onClose, onAdded }: AddDomainModalProps) => {
  const t = useTranslate();
  const api = useAdminApi();
  const readApiError = useApiError();
  const [domain, setDomain] = useState(initialDomain);
  const [selector, setSelector] = useState(suggestedSelector);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<ApiErrorInfo | null>(null);

  useEffect(() => {
    if (!open) return;
    setDomain(initialDomain);
    setSelector(suggestedSelector());
    setError(null);
  }, [open, initialDomain]);

  const fieldErrors = { ...(error?.fieldErrors ?? {}) };
  // INVALID_HOST reads "a host name or an IP address": a DKIM domain is a domain name only
  if (error?.issues.some((issue) => issue.field === 'domain' && issue.code === 'INVALID_HOST'))
    fieldErrors.domain = t('domains.invalidDomain', 'Enter a domain name, such as example.com');
  const otherError = error && Object.keys(fieldErrors).length === 0 ? error : null;

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (isSaving) return;
    setIsSaving(true);
    setError(null);
    try {
      const { data } = await api.createDomain({
        data: { domain: domain.trim(), selector: selector.trim(), algorithm: 'rsa-2048' },
      });
      onAdded(data);
    } catch (caught) {
      setError(readApiError(caught, t('domains.addFailed', 'The domain could not be added')));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Modal.Root open={open} onOpenChange={(next: boolean) => (!next ? onClose() : undefined)}>
      <Modal.Content>
        <form onSubmit={save} noValidate>
          <Modal.Header>
            <Modal.Title>{t('domains.add.title', 'Add a sending domain')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Typography tag="p" textColor="neutral800">
                {t(
                  'domains.add.intro',
                  'A key pair (RSA 2048) is made for the domain: every mail From it, through any account, is signed. You then publish its public key as a TXT record.'
                )}
              </Typography>
              <Field.Root
                name="domain"
                required
                error={fieldErrors.domain}
                hint={t(
                  'domains.add.domainHint',
                  'The domain of the From addresses, e.g. example.com'
                )}
              >
                <Field.Label>{t('domains.field.domain', 'Domain')}</Field.Label>
                <TextInput
                  value={domain}
                  placeholder="example.com"
                  onChange={(e: ChangeEvent<HTMLInputElement>) => setDomain(e.target.value)}
                  disabled={isSaving}
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
              <Field.Root
                name="selector"
                required
                error={fieldErrors.selector}
                hint={t(
                  'domains.add.selectorHint',
                  'The name of this key in the DNS: {selector}._domainkey.{domain}. Letters, digits and hyphens.',
                  { selector: selector || 'selector', domain: domain || 'example.com' }
                )}
              >
                <Field.Label>{t('domains.field.selector', 'Selector')}</Field.Label>
                <TextInput
                  value={selector}
                  onChange={(e: ChangeEvent<HTMLInputElement>) => setSelector(e.target.value)}
                  disabled={isSaving}
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
              {otherError ? (
                <Box>
                  <SmtpErrorAlert error={otherError} onClose={() => setError(null)} />
                </Box>
              ) : null}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('domains.add.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button
              type="submit"
              loading={isSaving}
              disabled={isSaving || !domain.trim() || !selector.trim()}
            >
              {t('domains.add.submit', 'Make the key')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};

export { AddDomainModal };
