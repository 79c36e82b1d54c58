import { useEffect, useState } from 'react';
import type { SendingDomain } from '../../../shared/contracts/deliverability';
import { useAdminApi } from '../hooks/useAdminApi';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { useTranslate } from '../hooks/useTranslate';
import { FormModal } from './FormModal';
import { SelectorField } from './SelectorField';

interface ChangeSelectorModalProps {
  domain: SendingDomain | null;
  onClose: () => void;
  onChanged: (domain: SendingDomain) => void;
}

/** A new selector for a domain: the server makes a new key pair for it, whose record is then shown. */
const ChangeSelectorModal = ({ domain, onClose, onChanged }: ChangeSelectorModalProps) => {
  const t = useTranslate();
  const api = useAdminApi();
  const [selector, setSelector] = useState('');
  const { isSaving, error, setError, submit } = useFormSubmit(
    t('domains.changeFailed', 'The domain could not be changed')
  );

  useEffect(() => {
    setSelector(domain?.selector ?? '');
    setError(null);
  }, [domain, setError]);

  const save = submit(async () => {
    if (!domain) return;
    const { data } = await api.updateDomain(
      { id: domain.id },
      { data: { selector: selector.trim() } }
    );
    onChanged(data);
  });

  const unchanged = !domain || selector.trim().toLowerCase() === domain.selector;
  return (
    <FormModal
      open={domain !== null}
      onClose={onClose}
      onSubmit={save}
      title={t('domains.selector.title', 'Change the selector of {domain}', {
        domain: domain?.domain ?? '',
      })}
      intro={t(
        'domains.selector.intro',
        'A new selector comes with a new key pair, used at once: publish its record right after. The record of the old selector can stay until mail signed with it has been delivered.'
      )}
      cancelLabel={t('domains.add.cancel', 'Cancel')}
      submitLabel={t('domains.selector.submit', 'Make a new key')}
      isBusy={isSaving}
      canSubmit={!unchanged}
      error={error && !error.fieldErrors.selector ? error : null}
      onErrorClose={() => setError(null)}
    >
      <SelectorField
        value={selector}
        onChange={setSelector}
        error={error?.fieldErrors.selector}
        hint={t('domains.selector.hint', 'Now: {selector}', { selector: domain?.selector ?? '' })}
        disabled={isSaving}
      />
    </FormModal>
  );
};

export { ChangeSelectorModal };
