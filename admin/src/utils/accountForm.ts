import type { AuthType, SecurityMode } from '../../../shared/constants';
import type { SmtpAccount, SmtpAccountInput } from '../../../shared/contracts/accounts';

/** What the form edits; the port stays optional while the field is being typed into. */
export interface AccountFormValues {
  name: string;
  email: string;
  host: string;
  port: number | undefined;
  security: SecurityMode;
  authType: AuthType;
  username: string;
  password: string;
  active: boolean;
  preferForNewsletters: boolean;
}

export const EMPTY_ACCOUNT: AccountFormValues = {
  name: '',
  email: '',
  host: '',
  port: 587,
  security: 'starttls',
  authType: 'plain',
  username: '',
  password: '',
  active: true,
  preferForNewsletters: false,
};

/** The usual port for each security mode, offered when the admin switches modes. */
export const CONVENTIONAL_PORTS: Record<SecurityMode, number> = { none: 25, ssl: 465, starttls: 587 };

export const toFormValues = (account: SmtpAccount): AccountFormValues => ({
  name: account.name,
  email: account.email,
  host: account.host,
  port: account.port,
  security: account.security,
  authType: account.authType,
  username: account.username,
  // write-only: the server never sends it back, and an empty one keeps the stored password
  password: '',
  active: account.active,
  preferForNewsletters: account.preferForNewsletters,
});

/** The request body; an empty password is left out so that an edit keeps the stored one. */
export const toInput = (values: AccountFormValues): Partial<SmtpAccountInput> => {
  const { password, port, ...rest } = values;
  return {
    ...rest,
    name: rest.name.trim(),
    email: rest.email.trim(),
    host: rest.host.trim(),
    username: rest.username.trim(),
    port: port as number,
    ...(password ? { password } : {}),
  };
};

/**
 * Fields that point the account at another server (or login): the server asks for the password again
 * before it sends the stored one there (PASSWORD_REQUIRED, server/src/services/save-guard.ts).
 */
export const DESTINATION_FIELDS = ['host', 'port', 'security', 'authType', 'username'] as const;

/** Whether these edits send the stored password to a new destination (the password must be re-entered). */
export const movesPassword = (stored: SmtpAccount, values: AccountFormValues) => {
  if (values.authType === 'none' || values.password) return false;
  const edited = toInput(values);
  return DESTINATION_FIELDS.some((field) => edited[field] !== stored[field]);
};
