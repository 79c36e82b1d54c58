import { useCallback } from 'react';
import { useIntl } from 'react-intl';

/** The one way the panel shows an instant: date and time, in the admin's language. */
const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };

/** Formats an ISO instant (or a Date) as every page of the plugin shows it (lists, pages, hints). */
export const useFormatDateTime = () => {
  const { formatDate } = useIntl();
  return useCallback((value: string | Date) => formatDate(value, DATE_TIME), [formatDate]);
};
