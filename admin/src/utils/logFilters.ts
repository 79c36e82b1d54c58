import { SEND_STATUSES, type SendStatus } from '../../../shared/constants';
import type { ListSendLog } from '../../../shared/contracts/send-log';

/** The log page's filters as they stand in the address bar (dates as local `YYYY-MM-DD`). */
export interface LogFilters {
  status: SendStatus | '';
  accountId: string;
  from: string;
  since: string;
  until: string;
  /** A campaign batch's id (its page links here); digits only. */
  batchId: string;
  /** 'true': only mails that may have arrived twice. */
  uncertain: '' | 'true';
}

export const FILTER_KEYS = [
  'status',
  'accountId',
  'from',
  'since',
  'until',
  'batchId',
  'uncertain',
] as const;
export const DEFAULT_PAGE_SIZE = 25;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A local calendar day, at its first or last millisecond, as the ISO instant the API filters by. */
const dayToIso = (day: string, endOfDay: boolean): string | undefined => {
  const match = DAY.exec(day);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number);
  const date = endOfDay
    ? new Date(y, m - 1, d, 23, 59, 59, 999)
    : new Date(y, m - 1, d, 0, 0, 0, 0);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
};

export const dayFromDate = (date: Date | undefined): string =>
  date
    ? `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`
    : '';

export const dateFromDay = (day: string): Date | undefined => {
  const match = DAY.exec(day);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number);
  return new Date(y, m - 1, d);
};

export const readLogFilters = (params: URLSearchParams): LogFilters => {
  const status = params.get('status') ?? '';
  return {
    status: (SEND_STATUSES as readonly string[]).includes(status) ? (status as SendStatus) : '',
    accountId: params.get('accountId') ?? '',
    from: params.get('from') ?? '',
    since: params.get('since') ?? '',
    until: params.get('until') ?? '',
    batchId: /^\d{1,9}$/.test(params.get('batchId') ?? '') ? (params.get('batchId') as string) : '',
    uncertain: params.get('uncertain') === 'true' ? 'true' : '',
  };
};

/** What GET /log is asked for: the filters, the days turned into instants, and the page (unset filters undefined). */
export const toLogQuery = (params: URLSearchParams): ListSendLog.Query => {
  const filters = readLogFilters(params);
  return {
    status: filters.status || undefined,
    accountId: filters.accountId || undefined,
    from: filters.from.trim() || undefined,
    since: dayToIso(filters.since, false),
    until: dayToIso(filters.until, true),
    batchId: filters.batchId || undefined,
    uncertain: filters.uncertain || undefined,
    page: params.get('page') ?? '1',
    pageSize: params.get('pageSize') ?? String(DEFAULT_PAGE_SIZE),
  };
};

/** The address-bar parameters after one filter changed: back to the first page. */
export const withFilter = (
  params: URLSearchParams,
  key: keyof LogFilters,
  value: string
): URLSearchParams => {
  const next = new URLSearchParams(params);
  if (value) next.set(key, value);
  else next.delete(key);
  next.set('page', '1');
  return next;
};

/** The entry whose details the address asks for (`?entry=<id>`), or null. */
export const readEntryParam = (params: URLSearchParams): number | null => {
  const value = params.get('entry') ?? '';
  return /^\d{1,9}$/.test(value) ? Number(value) : null;
};

/** The address-bar parameters without the entry to open (its details were closed, or a filter changed). */
export const withoutEntry = (params: URLSearchParams): URLSearchParams => {
  const next = new URLSearchParams(params);
  next.delete('entry');
  return next;
};
