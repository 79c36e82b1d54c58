import { useCallback, useMemo } from 'react';
import type { DomainCheck } from '../../../shared/contracts/deliverability';
import { failingParts, RESULT_TEXT, type CheckPart } from '../utils/domainCheck';
import { useTranslate } from './useTranslate';

const STATUS_TEXT = {
  ok: 'OK',
  warning: 'Warning',
  failing: 'Failing',
  unknown: 'Unknown',
  none: 'Not checked',
} as const;
const PART_NAME: Record<CheckPart, string> = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC' };

/** A domain check in words: its status, each part's result, and what fails ("DKIM: no key, SPF: fail"). */
export const useDomainCheckText = () => {
  const t = useTranslate();
  const status = useCallback(
    (value: DomainCheck['status'] | 'none') => t(`domainCheck.status.${value}`, STATUS_TEXT[value]),
    [t]
  );
  const result = useCallback(
    (part: CheckPart, value: string) =>
      t(
        `domainCheck.${part}.${value}`,
        (RESULT_TEXT[part] as Record<string, string>)[value] ?? value
      ),
    [t]
  );
  const problems = useCallback(
    (check: DomainCheck) => {
      const parts = failingParts(check);
      if (parts.length === 0)
        return t('domainCheck.allPass', 'SPF and DKIM pass, DMARC is published');
      return parts
        .map(({ part, result: value }) => `${PART_NAME[part]}: ${result(part, value)}`)
        .join(', ');
    },
    [t, result]
  );
  return useMemo(() => ({ status, result, problems }), [status, result, problems]);
};
