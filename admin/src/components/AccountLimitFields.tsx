import { NumberInput } from '@strapi/design-system';
import { LIMIT_WINDOWS } from '../../../shared/constants';
import type { AccountFormValues } from '../utils/accountForm';
import { useTranslate } from '../hooks/useTranslate';
import { GridField } from './GridField';

const LIMIT_LABELS = {
  limitPerMinute: 'Mails per minute',
  limitPerHour: 'Mails per hour',
  limitPerDay: 'Mails per day',
} as const;
type LimitField = keyof typeof LIMIT_WINDOWS;
const LIMIT_FIELDS = Object.keys(LIMIT_WINDOWS) as LimitField[];

interface AccountLimitFieldsProps {
  values: Pick<AccountFormValues, LimitField>;
  onChange: (field: LimitField, value: number | undefined) => void;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

/** An account's sending limits per minute, hour and day; an empty field is no limit. */
const AccountLimitFields = ({
  values,
  onChange,
  fieldErrors,
  disabled,
}: AccountLimitFieldsProps) => {
  const t = useTranslate();
  return (
    <>
      {LIMIT_FIELDS.map((field) => (
        <GridField
          key={field}
          col={4}
          name={field}
          error={fieldErrors[field]}
          label={t(`form.${field}`, LIMIT_LABELS[field])}
          hint={t(
            'form.limitHint',
            'Empty: no limit. Queued campaign mail waits for room; other mail is counted, never held back'
          )}
        >
          <NumberInput
            value={values[field]}
            onValueChange={(v: number | undefined) => onChange(field, v)}
            step={1}
            disabled={disabled}
          />
        </GridField>
      ))}
    </>
  );
};

export { AccountLimitFields };
