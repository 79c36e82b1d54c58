import type { SmtpAccount } from '../../../shared/contracts/accounts';

export type SortKey =
  'id' | 'name' | 'email' | 'server' | 'security' | 'active' | 'preferForNewsletters';
export type SortDirection = 'ASC' | 'DESC';

const sortValue = (account: SmtpAccount, key: SortKey): string | number => {
  switch (key) {
    case 'server':
      return `${account.host}:${String(account.port).padStart(5, '0')}`.toLowerCase();
    case 'active':
    case 'preferForNewsletters':
      return account[key] ? 1 : 0;
    case 'id':
      return account.id;
    default:
      return String(account[key] ?? '').toLowerCase();
  }
};

/** Client-side sort: the list is small (a handful of mailboxes), so the server returns all of it. */
export const sortAccounts = (accounts: SmtpAccount[], key: SortKey, direction: SortDirection) =>
  [...accounts].sort((a, b) => {
    const left = sortValue(a, key);
    const right = sortValue(b, key);
    const order = left < right ? -1 : left > right ? 1 : a.id - b.id;
    return direction === 'ASC' ? order : -order;
  });

/** Case-insensitive match on the columns a person would search by. */
export const filterAccounts = (accounts: SmtpAccount[], query: string) => {
  const needle = query.trim().toLowerCase();
  if (!needle) return accounts;
  return accounts.filter((a) =>
    [a.name, a.email, a.host, String(a.port), a.username, a.security].some((v) =>
      v.toLowerCase().includes(needle)
    )
  );
};
