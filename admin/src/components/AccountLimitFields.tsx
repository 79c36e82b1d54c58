import { NumberInput, SingleSelect, SingleSelectOption } from '@strapi/design-system';
import { LIMIT_COUNTS, LIMIT_WINDOWS, type LimitCounts } from '../../../shared/constants';
import type { AccountFormValues } from '../utils/accountForm';
import { useTranslate } from '../hooks/useTranslate';
import { GridField } from './GridField';

const LIMIT_LABELS = {
  limitPerMinute: 'Mails per minute',
  limitPerHour: 'Mails per hour',
  limitPerDay: 'Mails per day',
} as const;
const COUNTS_LABELS: Record<LimitCounts, string> = {
  messages: 'Messages (each mail counts 1)',
  recipients: 'Recipients (each mail counts its To, Cc and Bcc)',
};
type LimitField = keyof typeof LIMIT_WINDOWS;
const LIMIT_FIELDS = Object.keys(LIMIT_WINDOWS) as LimitField[];
type Field = LimitField | 'limitCounts';

interface AccountLimitFieldsProps {
  values: Pick<AccountFormValues, Field>;
  onChange: <K extends Field>(field: K, value: AccountFormValues[K]) => void;
  fieldErrors: Record<string, string>;
  disabled: boolean;
}

/**
 * An account's sending limits per minute, hour and day (an empty field is no limit), held in every sliding
 * window, and what they count: messages or recipients.
 */
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
            'Empty: no limit. Held in any 60 s, 1 h and 24 h, counted back from now. Queued campaign mail waits for room; other mail is counted, never held back'
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
      <GridField
        col={6}
        name="limitCounts"
        error={fieldErrors.limitCounts}
        label={t('form.limitCounts', 'The limits count')}
        hint={t(
          'form.limitCountsHint',
          'Exchange Online and Gmail count recipients: a mail to 3 people uses 3 of the limit'
        )}
      >
        <SingleSelect
          value={values.limitCounts}
          onChange={(v: string | number) => onChange('limitCounts', v as LimitCounts)}
          disabled={disabled}
        >
          {LIMIT_COUNTS.map((counts) => (
            <SingleSelectOption key={counts} value={counts}>
              {t(`form.limitCounts.${counts}`, COUNTS_LABELS[counts])}
            </SingleSelectOption>
          ))}
        </SingleSelect>
      </GridField>
    </>
  );
};

export { AccountLimitFields };
