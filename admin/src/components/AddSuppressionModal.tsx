import { Box, Button, Field, Flex, Modal, TextInput, Typography } from '@strapi/design-system';
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { ALL_NEWSLETTERS, type Suppression } from '../../../shared/contracts/deliverability';
import { LIMITS } from '../../../shared/constants';
import type { ApiErrorInfo } from '../utils/apiError';
import { useAdminApi } from '../hooks/useAdminApi';
import { useApiError } from '../hooks/useApiError';
import { useTranslate } from '../hooks/useTranslate';
import { SmtpErrorAlert } from './SmtpErrorAlert';

interface AddSuppressionModalProps {
  open: boolean;
  onClose: () => void;
  onAdded: (suppression: Suppression) => void;
}

/** Puts one address on the suppression list by hand (reason `manual`), for every newsletter or one list. */
const AddSuppressionModal = ({ open, onClose, onAdded }: AddSuppressionModalProps) => {
  const t = useTranslate();
  const api = useAdminApi();
  const readApiError = useApiError();
  const [address, setAddress] = useState('');
  const [scope, setScope] = useState(ALL_NEWSLETTERS);
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<ApiErrorInfo | null>(null);

  useEffect(() => {
    if (!open) return;
    setAddress('');
    setScope(ALL_NEWSLETTERS);
    setError(null);
  }, [open]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (isSaving) return;
    setIsSaving(true);
    setError(null);
    try {
      const { data } = await api.createSuppression({
        data: { address: address.trim(), scope: scope.trim() || ALL_NEWSLETTERS, reason: 'manual' },
      });
      onAdded(data);
    } catch (caught) {
      setError(readApiError(caught, t('suppressions.addFailed', 'The address could not be added')));
    } finally {
      setIsSaving(false);
    }
  };

  const fieldErrors = error?.fieldErrors ?? {};
  return (
    <Modal.Root open={open} onOpenChange={(next: boolean) => (!next ? onClose() : undefined)}>
      <Modal.Content>
        <form onSubmit={save} noValidate>
          <Modal.Header>
            <Modal.Title>{t('suppressions.add.title', 'Suppress an address')}</Modal.Title>
          </Modal.Header>
          <Modal.Body>
            <Flex direction="column" alignItems="stretch" gap={5}>
              <Typography tag="p" textColor="neutral800">
                {t(
                  'suppressions.add.intro',
                  'Newsletter mail is no longer sent to this address; transactional mail (a password reset, an order) still is.'
                )}
              </Typography>
              <Field.Root name="address" required error={fieldErrors.address}>
                <Field.Label>{t('suppressions.field.address', 'Address')}</Field.Label>
                <TextInput
                  type="email"
                  value={address}
                  maxLength={LIMITS.email}
                  placeholder="someone@example.com"
                  onChange={(e: ChangeEvent<HTMLInputElement>) => setAddress(e.target.value)}
                  disabled={isSaving}
                />
                <Field.Error />
              </Field.Root>
              <Field.Root
                name="scope"
                error={fieldErrors.scope}
                hint={t(
                  'suppressions.add.scopeHint',
                  "* for every newsletter, or the key of one list (a campaign's list, e.g. weekly)"
                )}
              >
                <Field.Label>{t('suppressions.field.scope', 'Scope')}</Field.Label>
                <TextInput
                  value={scope}
                  maxLength={100}
                  onChange={(e: ChangeEvent<HTMLInputElement>) => setScope(e.target.value)}
                  disabled={isSaving}
                />
                <Field.Hint />
                <Field.Error />
              </Field.Root>
              {error && Object.keys(fieldErrors).length === 0 ? (
                <Box>
                  <SmtpErrorAlert error={error} onClose={() => setError(null)} />
                </Box>
              ) : null}
            </Flex>
          </Modal.Body>
          <Modal.Footer>
            <Modal.Close>
              <Button variant="tertiary">{t('suppressions.add.cancel', 'Cancel')}</Button>
            </Modal.Close>
            <Button type="submit" loading={isSaving} disabled={isSaving || !address.trim()}>
              {t('suppressions.add.submit', 'Suppress')}
            </Button>
          </Modal.Footer>
        </form>
      </Modal.Content>
    </Modal.Root>
  );
};

export { AddSuppressionModal };
