import { Box, Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import type { SendingDomain } from '../../../shared/contracts/deliverability';
import type { ApiErrorInfo } from '../utils/apiError';
import { useAdminApi } from '../hooks/useAdminApi';
import { useApiError } from '../hooks/useApiError';
import { useTranslate } from '../hooks/useTranslate';
import { SmtpErrorAlert } from './SmtpErrorAlert';

interface ChangeSelectorModalProps {
  domain: SendingDomain | null;
  onClose: () => void;
  onChanged: (domain: SendingDomain) => void;
}

/** A new selector for a domain: the server makes a new key pair for it, whose record is then shown. */
const ChangeSelectorModal = ({ domain, onClose, onChanged }: ChangeSelectorModalProps) => {
  const t = useTranslate();
  const api = useAdminApi();
  const readApiError = useApiError();
  const [selector, setSelector] = useState('');
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<ApiErrorInfo | null>(null);

  useEffect(() => {
    setSelector(domain?.selector ?? '');
    setError(null);
  }, [domain]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (!domain || isSaving) return;
    setIsSaving(true);
    setError(null);
    try {
      const { data } = await api.updateDomain(
        { id: domain.id },
        { data: { selector: selector.trim() } }
      );
      onChanged(data);
    } catch (caught) {
      setError(readApiError(caught, t('domains.changeFailed', 'The domain could not be changed')));
    } finally {
      setIsSaving(false);
    }
  };

  const unchanged = !domain || selector.trim().toLowerCase() === domain.selector;
  return (
    <Modal.Root
      open={domain !== null}
      onOpenChange={(open: boolean) => (!open ? onClose() : undefined)}
    >
      <Modal.Content>
        <form onSubmit={save} noValidate>
          <Modal.Header>
            <Modal.Title>
              {t('domains.selector.title', 'Change the selector of {domain}', {
                domain: domain?.domain ?? '',
              })}
            </Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Typography tag="p" textColor="neutral800">
                {t(
                  'domains.selector.intro',
                  'A new selector comes with a new key pair, used at once: publish its record right after. The record of the old selector can stay until mail signed with it has been delivered.'
                )}
              </Typography>
              <Field.Root
                name="selector"
                required
                error={error?.fieldErrors.selector}
                hint={t('domains.selector.hint', 'Now: {selector}', {
                  selector: domain?.selector ?? '',
                })}
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
              {error && !error.fieldErrors.selector ? (
                <Box>
                  <SmtpErrorAlert error={error} onClose={() => setError(null)} />
                </Box>
              ) : null}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('domains.add.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="submit" loading={isSaving} disabled={isSaving || unchanged}>
              {t('domains.selector.submit', 'Make a new key')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};

export { ChangeSelectorModal };
