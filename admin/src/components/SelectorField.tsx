import { TextInput } from '@strapi/design-system';
import type { ChangeEvent } from 'react';
import { useTranslate } from '../hooks/useTranslate';
import { LabelledField } from './LabelledField';

interface SelectorFieldProps {
  value: string;
  onChange: (selector: string) => void;
  error?: string;
  hint: string;
  disabled: boolean;
}

/** A DKIM selector, as Add domain and Change the selector ask for it. */
const SelectorField = ({ value, onChange, error, hint, disabled }: SelectorFieldProps) => {
  const t = useTranslate();
  return (
    <LabelledField
      name="selector"
      required
      error={error}
      label={t('domains.field.selector', 'Selector')}
      hint={hint}
    >
      <TextInput
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
        disabled={disabled}
      />
    </LabelledField>
  );
};

export { SelectorField };
