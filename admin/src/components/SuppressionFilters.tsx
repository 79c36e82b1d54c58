import {
  Box,
  Field,
  Flex,
  Searchbar,
  SingleSelect,
  SingleSelectOption,
} from '@strapi/design-system';
import { useEffect, useState, type ChangeEvent } from 'react';
import { SUPPRESSION_REASONS } from '../../../shared/contracts/deliverability';
import { useTranslate } from '../hooks/useTranslate';
import { REASON_TEXT } from './SuppressionReasonBadge';

const ANY = 'any';
/** Typing asks the server once the user pauses, not on every key. */
const SEARCH_DELAY_MS = 400;

interface SuppressionFiltersProps {
  /** As in the address bar (`?q=`, `?reason=`). */
  q: string;
  reason: string;
  onChange: (key: 'q' | 'reason', value: string) => void;
}

/** The suppression list's search (part of an address) and reason filter. */
const SuppressionFilters = ({ q, reason, onChange }: SuppressionFiltersProps) => {
  const t = useTranslate();
  const [search, setSearch] = useState(q);

  useEffect(() => setSearch(q), [q]);
  useEffect(() => {
    if (search === q) return undefined;
    const timer = setTimeout(() => onChange('q', search), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [search, q, onChange]);

  return (
    <Flex gap={4} alignItems="flex-end" wrap="wrap">
      <Box width="32rem" maxWidth="100%">
        <Searchbar
          name="q"
          value={search}
          onChange={(e: ChangeEvent<HTMLInputElement>) => setSearch(e.target.value)}
          onClear={() => {
            setSearch('');
            onChange('q', '');
          }}
          clearLabel={t('suppressions.searchClear', 'Clear the search')}
          placeholder={t('suppressions.searchPlaceholder', 'Search by address')}
        >
          {t('suppressions.search', 'Search addresses')}
        </Searchbar>
      </Box>
      <Box width="20rem">
        <Field.Root name="reason">
          <Field.Label>{t('suppressions.field.reason', 'Reason')}</Field.Label>
          <SingleSelect
            value={reason || ANY}
            onChange={(v: string | number) => onChange('reason', v === ANY ? '' : String(v))}
          >
            <SingleSelectOption value={ANY}>
              {t('suppressions.reason.any', 'Any reason')}
            </SingleSelectOption>
            {SUPPRESSION_REASONS.map((value) => (
              <SingleSelectOption key={value} value={value}>
                {t(`suppressions.reason.${value}`, REASON_TEXT[value])}
              </SingleSelectOption>
            ))}
          </SingleSelect>
        </Field.Root>
      </Box>
    </Flex>
  );
};

export { SuppressionFilters };
