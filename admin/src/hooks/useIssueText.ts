import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { isErrorCode } from '../../../shared/contracts/errors';
import type { ErrorIssue } from '../utils/apiError';
import { ERROR_MESSAGES } from '../utils/errorMessages';
import { FIELD_LABELS } from '../utils/fieldLabels';
import { getTranslation } from '../utils/getTranslation';

/**
 * One coded problem in the admin's language, naming its field by the field's label: what the server
 * answered (useApiError) or what the panel found before sending (a required field left empty). A code the
 * panel does not know keeps the issue's own (English) message.
 */
export const useIssueText = () => {
  const { formatMessage } = useIntl();
  return useCallback(
    (issue: ErrorIssue): string => {
      if (!isErrorCode(issue.code)) return issue.message;
      const label = (field: string | undefined) => {
        if (!field) return '';
        const known = FIELD_LABELS[field];
        return known
          ? formatMessage({ id: getTranslation(known.id), defaultMessage: known.defaultMessage })
          : field;
      };
      const values: Record<string, string | number> = { fields: '', values: '' };
      for (const [key, value] of Object.entries(issue.params ?? {})) {
        values[key] = Array.isArray(value)
          ? value.map((v) => (key === 'fields' ? label(String(v)) : String(v))).join(', ')
          : (value as string | number);
      }
      return formatMessage(
        {
          id: getTranslation(`error.code.${issue.code}`),
          defaultMessage: ERROR_MESSAGES[issue.code],
        },
        { ...values, field: label(issue.field) }
      );
    },
    [formatMessage]
  );
};
