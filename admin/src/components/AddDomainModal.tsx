import { TextInput } from '@strapi/design-system';
import { useEffect, useState, type ChangeEvent } from 'react';
import type { SendingDomain } from '../../../shared/contracts/deliverability';
import { useAdminApi } from '../hooks/useAdminApi';
import { useFormSubmit } from '../hooks/useFormSubmit';
import { useTranslate } from '../hooks/useTranslate';
import { FormModal } from './FormModal';
import { LabelledField } from './LabelledField';
import { SelectorField } from './SelectorField';

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
  const [domain, setDomain] = useState(initialDomain);
  const [selector, setSelector] = useState(suggestedSelector);
  const { isSaving, error, setError, submit } = useFormSubmit(
    t('domains.addFailed', 'The domain could not be added')
  );

  useEffect(() => {
    if (!open) return;
    setDomain(initialDomain);
    setSelector(suggestedSelector());
    setError(null);
  }, [open, initialDomain, setError]);

  const fieldErrors = { ...(error?.fieldErrors ?? {}) };
  // INVALID_HOST reads "a host name or an IP address": a DKIM domain is a domain name only
  if (error?.issues.some((issue) => issue.field === 'domain' && issue.code === 'INVALID_HOST'))
    fieldErrors.domain = t('domains.invalidDomain', 'Enter a domain name, such as example.com');
  const otherError = error && Object.keys(fieldErrors).length === 0 ? error : null;

  const save = submit(async () => {
    const { data } = await api.createDomain({
      data: { domain: domain.trim(), selector: selector.trim(), algorithm: 'rsa-2048' },
    });
    onAdded(data);
  });

  return (
    <FormModal
      open={open}
      onClose={onClose}
      onSubmit={save}
      title={t('domains.add.title', 'Add a sending domain')}
      intro={t(
        'domains.add.intro',
        'A key pair (RSA 2048) is made for the domain: every mail From it, through any account, is signed. You then publish its public key as a TXT record.'
      )}
      cancelLabel={t('domains.add.cancel', 'Cancel')}
      submitLabel={t('domains.add.submit', 'Make the key')}
      isBusy={isSaving}
      canSubmit={Boolean(domain.trim() && selector.trim())}
      error={otherError}
      onErrorClose={() => setError(null)}
    >
      <LabelledField
        name="domain"
        required
        error={fieldErrors.domain}
        label={t('domains.field.domain', 'Domain')}
        hint={t('domains.add.domainHint', 'The domain of the From addresses, e.g. example.com')}
      >
        <TextInput
          value={domain}
          placeholder="example.com"
          onChange={(e: ChangeEvent<HTMLInputElement>) => setDomain(e.target.value)}
          disabled={isSaving}
        />
      </LabelledField>
      <SelectorField
        value={selector}
        onChange={setSelector}
        error={fieldErrors.selector}
        hint={t(
          'domains.add.selectorHint',
          'The name of this key in the DNS: {selector}._domainkey.{domain}. Letters, digits and hyphens.',
          { selector: selector || 'selector', domain: domain || 'example.com' }
        )}
        disabled={isSaving}
      />
    </FormModal>
  );
};

export { AddDomainModal };
