import {
  Box,
  Button,
  Checkbox,
  DatePicker,
  Field,
  Flex,
  SingleSelect,
  SingleSelectOption,
  TextInput,
} from '@strapi/design-system';
import { useEffect, useState, type ChangeEvent } from 'react';
import { useIntl } from 'react-intl';
import { SEND_STATUSES } from '../../../shared/constants';
import type { SmtpAccount } from '../../../shared/contracts/accounts';
import { dateFromDay, dayFromDate, type LogFilters } from '../utils/logFilters';
import { useTranslate } from '../hooks/useTranslate';

const STATUS_TEXT = {
  sent: 'Sent',
  failed: 'Failed',
  fallback: 'Via provider',
  suppressed: 'Suppressed',
} as const;
const ANY = 'any';
/** Typing in the From filter asks the server once the user pauses, not on every key. */
const FROM_DELAY_MS = 400;

interface LogFilterBarProps {
  filters: LogFilters;
  accounts: SmtpAccount[];
  onChange: (key: keyof LogFilters, value: string) => void;
  onReset: () => void;
}

/** Status, account, From, date and campaign-batch filters of the send log; each change goes to the address bar. */
const LogFilterBar = ({ filters, accounts, onChange, onReset }: LogFilterBarProps) => {
  const { locale } = useIntl();
  const t = useTranslate();
  const [from, setFrom] = useState(filters.from);

  useEffect(() => setFrom(filters.from), [filters.from]);
  useEffect(() => {
    if (from === filters.from) return undefined;
    const timer = setTimeout(() => onChange('from', from), FROM_DELAY_MS);
    return () => clearTimeout(timer);
  }, [from, filters.from, onChange]);

  const anyLabel = t('log.filter.any', 'Any');
  const isFiltered = Object.values(filters).some(Boolean);

  return (
    <Box background="neutral0" hasRadius shadow="filterShadow" padding={4}>
      <Flex gap={4} alignItems="flex-end" wrap="wrap">
        <Box width="14rem">
          <Field.Root name="status">
            <Field.Label>{t('log.filter.status', 'Status')}</Field.Label>
            <SingleSelect
              value={filters.status || ANY}
              onChange={(v: string | number) => onChange('status', v === ANY ? '' : String(v))}
            >
              <SingleSelectOption value={ANY}>{anyLabel}</SingleSelectOption>
              {SEND_STATUSES.map((status) => (
                <SingleSelectOption key={status} value={status}>
                  {t(`log.status.${status}`, STATUS_TEXT[status])}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
        <Box width="18rem">
          <Field.Root name="accountId">
            <Field.Label>{t('log.filter.account', 'Account')}</Field.Label>
            <SingleSelect
              value={filters.accountId || ANY}
              onChange={(v: string | number) => onChange('accountId', v === ANY ? '' : String(v))}
            >
              <SingleSelectOption value={ANY}>{anyLabel}</SingleSelectOption>
              {accounts.map((account) => (
                <SingleSelectOption key={account.id} value={String(account.id)}>
                  {`#${account.id} ${account.name ? `${account.name} <${account.email}>` : account.email}`}
                </SingleSelectOption>
              ))}
            </SingleSelect>
          </Field.Root>
        </Box>
        <Box width="16rem">
          <Field.Root name="from">
            <Field.Label>{t('log.filter.from', 'From contains')}</Field.Label>
            <TextInput
              value={from}
              placeholder="shop@example.com"
              onChange={(e: ChangeEvent<HTMLInputElement>) => setFrom(e.target.value)}
            />
          </Field.Root>
        </Box>
        <Box width="15rem">
          <Field.Root name="since">
            <Field.Label>{t('log.filter.since', 'Since')}</Field.Label>
            <DatePicker
              locale={locale}
              value={dateFromDay(filters.since)}
              onChange={(date: Date | undefined) => onChange('since', dayFromDate(date))}
              onClear={() => onChange('since', '')}
              clearLabel={t('log.filter.clearDate', 'Clear the date')}
            />
          </Field.Root>
        </Box>
        <Box width="15rem">
          <Field.Root name="until">
            <Field.Label>{t('log.filter.until', 'Until')}</Field.Label>
            <DatePicker
              locale={locale}
              value={dateFromDay(filters.until)}
              onChange={(date: Date | undefined) => onChange('until', dayFromDate(date))}
              onClear={() => onChange('until', '')}
              clearLabel={t('log.filter.clearDate', 'Clear the date')}
            />
          </Field.Root>
        </Box>
        <Box width="10rem">
          <Field.Root name="batchId">
            <Field.Label>{t('log.filter.batch', 'Campaign batch')}</Field.Label>
            {/* digits only, like the account form's port: a batch id is never grouped or signed */}
            <TextInput
              inputMode="numeric"
              value={filters.batchId}
              placeholder="#"
              onChange={(e: ChangeEvent<HTMLInputElement>) =>
                onChange('batchId', e.target.value.replace(/\D/g, '').slice(0, 9))
              }
            />
          </Field.Root>
        </Box>
        <Box paddingTop={5}>
          <Checkbox
            name="uncertain"
            checked={filters.uncertain === 'true'}
            onCheckedChange={(checked: boolean | 'indeterminate') =>
              onChange('uncertain', checked === true ? 'true' : '')
            }
          >
            {t('log.filter.uncertain', 'Maybe sent twice only')}
          </Checkbox>
        </Box>
        <Button variant="tertiary" onClick={onReset} disabled={!isFiltered}>
          {t('log.filter.reset', 'Reset filters')}
        </Button>
      </Flex>
    </Box>
  );
};

export { LogFilterBar };
