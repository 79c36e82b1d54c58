import { useState, type FormEvent } from 'react';
import type { ApiErrorInfo } from '../utils/apiError';
import { useApiError } from './useApiError';

/**
 * A form's submit: one save at a time, busy while it runs, and a refusal read into `error` (its field
 * errors included) with `failMessage` where the server names none. `readError` adjusts what is shown.
 */
export const useFormSubmit = (
  failMessage: string,
  readError: (info: ApiErrorInfo) => ApiErrorInfo = (info) => info
) => {
  const readApiError = useApiError();
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<ApiErrorInfo | null>(null);

  /** The form's onSubmit, running `save` (which throws what the API refused). */
  const submit = (save: () => Promise<void>) => async (event: FormEvent) => {
    event.preventDefault();
    if (isSaving) return;
    setIsSaving(true);
    setError(null);
    try {
      await save();
    } catch (caught) {
      setError(readError(readApiError(caught, failMessage)));
    } finally {
      setIsSaving(false);
    }
  };

  return { isSaving, error, setError, submit };
};
