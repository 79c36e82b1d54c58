import { useCallback } from 'react';
import { useIntl } from 'react-intl';
import { isErrorCode } from '../../../shared/contracts/errors';
import { readApiError, type ApiErrorInfo, type ErrorIssue } from '../utils/apiError';
import { ERROR_MESSAGES } from '../utils/errorMessages';
import { FIELD_LABELS } from '../utils/fieldLabels';
import { getTranslation } from '../utils/getTranslation';

/**
 * `readApiError` with the codes translated: `message` and `fieldErrors` read in the admin's language,
 * naming fields by their label. A code the panel does not know keeps the server's English message.
 */
export const useApiError = () => {
  const { formatMessage } = useIntl();
  return useCallback(
    (error: unknown, fallbackMessage: string): ApiErrorInfo => {
      const info = readApiError(error, fallbackMessage);
      const label = (field: string | undefined) => {
        if (!field) return '';
        const known = FIELD_LABELS[field];
        return known
          ? formatMessage({ id: getTranslation(known.id), defaultMessage: known.defaultMessage })
          : field;
      };
      const text = (issue: ErrorIssue) => {
        if (!isErrorCode(issue.code)) return issue.message;
        const defaultMessage = ERROR_MESSAGES[issue.code];
        const values: Record<string, string | number> = { fields: '', values: '' };
        for (const [key, value] of Object.entries(issue.params ?? {})) {
          values[key] = Array.isArray(value)
            ? value.map((v) => (key === 'fields' ? label(String(v)) : String(v))).join(', ')
            : (value as string | number);
        }
        return formatMessage(
          { id: getTranslation(`error.code.${issue.code}`), defaultMessage },
          { ...values, field: label(issue.field) }
        );
      };
      if (info.issues.length === 0) return info;
      const fieldErrors: Record<string, string> = {};
      for (const issue of info.issues)
        if (issue.field && !(issue.field in fieldErrors)) fieldErrors[issue.field] = text(issue);
      const message = [...new Set(info.issues.map(text))].join('. ');
      return { ...info, message, fieldErrors };
    },
    [formatMessage]
  );
};
