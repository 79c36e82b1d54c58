import { useCallback } from 'react';
import { readApiError, type ApiErrorInfo } from '../utils/apiError';
import { useIssueText } from './useIssueText';

/**
 * `readApiError` with the codes translated: `message` and `fieldErrors` read in the admin's language,
 * naming fields by their label. A code the panel does not know keeps the server's English message.
 */
export const useApiError = () => {
  const text = useIssueText();
  return useCallback(
    (error: unknown, fallbackMessage: string): ApiErrorInfo => {
      const info = readApiError(error, fallbackMessage);
      if (info.issues.length === 0) return info;
      const fieldErrors: Record<string, string> = {};
      for (const issue of info.issues)
        if (issue.field && !(issue.field in fieldErrors)) fieldErrors[issue.field] = text(issue);
      const message = [...new Set(info.issues.map(text))].join('. ');
      return { ...info, message, fieldErrors };
    },
    [text]
  );
};
