import { TextInput } from '@strapi/design-system';
import { useEffect, useState, type ChangeEvent } from 'react';
import { ALL_NEWSLETTERS, type Suppression } from '../../../shared/contracts/deliverability';
import { LIMITS } from '../../../shared/constants';
import { useAdminApi } from '../hooks/useAdminApi';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { useTranslate } from '../hooks/useTranslate';
import { FormModal } from './FormModal';
import { LabelledField } from './LabelledField';

interface AddSuppressionModalProps {
  open: boolean;
  onClose: () => void;
  onAdded: (suppression: Suppression) => void;
}

/** Puts one address on the suppression list by hand (reason `manual`), for every newsletter or one list. */
const AddSuppressionModal = ({ open, onClose, onAdded }: AddSuppressionModalProps) => {
  const t = useTranslate();
  const api = useAdminApi();
  const [address, setAddress] = useState('');
  const [scope, setScope] = useState(ALL_NEWSLETTERS);
  const { isSaving, error, setError, submit } = useFormSubmit(
    t('suppressions.addFailed', 'The address could not be added')
  );

  useEffect(() => {
    if (!open) return;
    setAddress('');
    setScope(ALL_NEWSLETTERS);
    setError(null);
  }, [open, setError]);

  const save = submit(async () => {
    const { data } = await api.createSuppression({
      data: { address: address.trim(), scope: scope.trim() || ALL_NEWSLETTERS, reason: 'manual' },
    });
    onAdded(data);
  });

  const fieldErrors = error?.fieldErrors ?? {};
  return (
    <FormModal
      open={open}
      onClose={onClose}
      onSubmit={save}
      title={t('suppressions.add.title', 'Suppress an address')}
      intro={t(
        'suppressions.add.intro',
        'Newsletter mail is no longer sent to this address; transactional mail (a password reset, an order) still is.'
      )}
      cancelLabel={t('suppressions.add.cancel', 'Cancel')}
      submitLabel={t('suppressions.add.submit', 'Suppress')}
      isBusy={isSaving}
      canSubmit={Boolean(address.trim())}
      error={error && Object.keys(fieldErrors).length === 0 ? error : null}
      onErrorClose={() => setError(null)}
    >
      <LabelledField
        name="address"
        required
        error={fieldErrors.address}
        label={t('suppressions.field.address', 'Address')}
      >
        <TextInput
          type="email"
          value={address}
          maxLength={LIMITS.email}
          placeholder="someone@example.com"
          onChange={(e: ChangeEvent<HTMLInputElement>) => setAddress(e.target.value)}
          disabled={isSaving}
        />
      </LabelledField>
      <LabelledField
        name="scope"
        error={fieldErrors.scope}
        label={t('suppressions.field.scope', 'Scope')}
        hint={t(
          'suppressions.add.scopeHint',
          "* for every newsletter, or the key of one list (a campaign's list, e.g. weekly)"
        )}
      >
        <TextInput
          value={scope}
          maxLength={100}
          onChange={(e: ChangeEvent<HTMLInputElement>) => setScope(e.target.value)}
          disabled={isSaving}
        />
      </LabelledField>
    </FormModal>
  );
};

export { AddSuppressionModal };
