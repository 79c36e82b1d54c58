import addressparser from 'nodemailer/lib/addressparser';
import type { EmailOptions } from '../transport/message';

type Address = { name: string; address: string };

/** The recipients of one field, as `{ name, address }` (a string may list several). */
const addressesOf = (field: EmailOptions['to']): Address[] =>
  ([] as unknown[]).concat(field ?? []).flatMap((item) => {
    if (typeof item === 'string')
      return addressparser(item, { flatten: true }).map((a) => ({
        name: a.name ?? '',
        address: a.address ?? '',
      }));
    const { name, address } = (item ?? {}) as { name?: unknown; address?: unknown };
    return [{ name: typeof name === 'string' ? name : '', address: String(address ?? '') }];
  });

/** The mail without these recipients (to, cc, bcc), or null when none is left. */
export const withoutRecipients = (
  options: EmailOptions,
  suppressed: ReadonlySet<string>
): EmailOptions | null => {
  const out: EmailOptions = { ...options };
  let left = 0;
  for (const field of ['to', 'cc', 'bcc'] as const) {
    if (options[field] === undefined) continue;
    const kept = addressesOf(options[field]).filter(
      (a) => !suppressed.has(a.address.toLowerCase())
    );
    left += kept.length;
    out[field] = kept.length ? kept : undefined;
  }
  return left > 0 ? out : null;
};

const hasHeader = (headers: unknown, name: string) => {
  const lower = name.toLowerCase();
  if (Array.isArray(headers))
    return headers.some((h) => String((h as { key?: unknown })?.key ?? '').toLowerCase() === lower);
  return Boolean(
    headers &&
    typeof headers === 'object' &&
    Object.keys(headers).some((key) => key.toLowerCase() === lower)
  );
};

/**
 * The mail with the one-click unsubscribe headers, unless it carries a `List-Unsubscribe` of its own (a
 * client that runs its own unsubscribe keeps it).
 */
export const withUnsubscribeHeaders = (
  options: EmailOptions,
  added: Record<string, string>
): EmailOptions => {
  if (hasHeader(options.headers, 'List-Unsubscribe')) return options;
  const headers = options.headers;
  if (Array.isArray(headers))
    return {
      ...options,
      headers: [...headers, ...Object.entries(added).map(([key, value]) => ({ key, value }))],
    };
  return {
    ...options,
    headers: { ...((headers as Record<string, unknown> | undefined) ?? {}), ...added },
  };
};
