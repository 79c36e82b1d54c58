import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, SMTP_ACCOUNT_UID } from '../../../shared/constants';
import type { SmtpAccountInput } from '../../../shared/contracts/accounts';
import type { ModuleSettings } from '../../../shared/contracts/settings';
import type { PluginConfig } from '../config';
import { getService } from '../get-service';
import { secretForms } from '../redaction/redact';
import { createHostPolicy, HostDeniedError } from '../transport/host-policy';
import { buildTransportOptions, type TokenProvider } from '../transport/options';
import { describeSmtpFailure, type SmtpFailure } from '../transport/smtp-failure';
import { sendTestMessage } from '../transport/test-message';
import { verifySmtpAccount } from '../transport/verify';
import { ACCOUNT_FIELDS, validateCompleteAccount } from '../validation/account';
import type { StoredAccount } from './accounts';

/**
 * Fields whose change can make a working account fail. A change of only `name`, `active` or
 * `preferForNewsletters` is stored without a new SMTP check: none of them reaches the server
 * (the name is only the From display name), so re-verifying would just make toggles slow.
 */
const CONNECTION_FIELDS = ['email', 'host', 'port', 'security', 'authType', 'username', 'password'] as const;

/**
 * Fields that decide where the stored password is sent. Changing one needs the password again: a
 * role that may edit accounts but never read a password must not be able to point an account at
 * its own server and receive the stored password in the save check (or in the next real send).
 */
export const DESTINATION_FIELDS = ['host', 'port', 'security', 'authType', 'username'] as const;

const NEW_ACCOUNT_DEFAULTS = { name: '', username: '', active: true, preferForNewsletters: false };

/** Where an OAuth2 account's client secret goes (the token endpoint): changing one needs the secret again. */
const OAUTH_ENDPOINT_FIELDS = ['oauthProvider', 'oauthTenant', 'oauthAuthorizeUrl', 'oauthTokenUrl', 'oauthClientId'] as const;
/** Changing one of these invalidates an OAuth2 sign-in: the tokens are dropped and the account waits for Connect. */
const OAUTH_SIGN_IN_FIELDS = [...OAUTH_ENDPOINT_FIELDS, 'oauthScope', 'host', 'port', 'security', 'username', 'authType', 'email'] as const;
/** Set only by the OAuth2 flow, never by a caller of the document service. */
const OAUTH_FLOW_FIELDS = ['oauthRefreshToken', 'oauthAccessToken', 'oauthAccessExpiresAt', 'oauthStatus', 'oauthLockUntil'] as const;
const SIGNED_OUT = { oauthRefreshToken: null, oauthAccessToken: null, oauthAccessExpiresAt: null, oauthLockUntil: null };

export type SaveAction = 'create' | 'update';
export interface SaveParams {
  documentId?: string;
  data?: Record<string, unknown>;
}

type Changes = Record<string, unknown>;
type Stored = Omit<StoredAccount, 'password'> & { password: string | errors.ValidationError };

const refuse = (failure: SmtpFailure, when: string) =>
  new errors.ValidationError(`${failure.message}${when}`, {
    stage: failure.stage,
    code: failure.code,
    response: failure.response ?? null,
    responseCode: failure.responseCode ?? null,
  });

/** A copy of the request data as it will be stored: trimmed texts, an empty password meaning "keep it". */
const normalize = (data: Changes): Changes => {
  const copy: Changes = { ...data };
  if (copy.password === '' || copy.password === null) delete copy.password;
  for (const field of ['name', 'email', 'host'] as const) if (typeof copy[field] === 'string') copy[field] = (copy[field] as string).trim();
  return copy;
};

const pick = (source: Record<string, unknown>) =>
  Object.fromEntries(ACCOUNT_FIELDS.filter((field) => source[field] !== undefined && source[field] !== null).map((field) => [field, source[field]]));

/** An empty text and a missing value are the same (the API answers '' for a null column, clients send it back). */
const same = (a: unknown, b: unknown) => a === b || ((a === null || a === undefined || a === '') && (b === null || b === undefined || b === ''));
const changed = (changes: Changes, stored: Stored, fields: readonly string[]) =>
  fields.filter((field) => field in changes && !same(changes[field], (stored as unknown as Changes)[field]));

/** 400 when the update moves the password somewhere new without carrying it. */
const requirePasswordForNewDestination = (changes: Changes, stored: Stored) => {
  const moved = changed(changes, stored, DESTINATION_FIELDS);
  const authType = (changes.authType ?? stored.authType) as string;
  if (moved.length === 0 || authType === 'none' || authType === 'oauth2' || typeof changes.password === 'string') return;
  throw new errors.ValidationError(
    `Re-enter the password: it is only sent to the server it was entered for, and this change (${moved.join(', ')}) points the account elsewhere.`,
    { code: 'PASSWORD_REQUIRED', field: 'password', params: { fields: moved } }
  );
};

/** The same rule for OAuth2: the client secret goes to the token endpoint, so moving that endpoint needs it again. */
const requireClientSecretForNewEndpoint = (changes: Changes, stored: Stored) => {
  if ((changes.authType ?? stored.authType) !== 'oauth2' || stored.authType !== 'oauth2') return;
  const moved = changed(changes, stored, OAUTH_ENDPOINT_FIELDS);
  if (moved.length === 0 || (typeof changes.oauthClientSecret === 'string' && changes.oauthClientSecret !== '')) return;
  throw new errors.ValidationError(
    `Re-enter the client secret: it is only sent to the token endpoint it was entered for, and this change (${moved.join(', ')}) points the account elsewhere.`,
    { code: 'CLIENT_SECRET_REQUIRED', field: 'oauthClientSecret', params: { fields: moved } }
  );
};

/**
 * OAuth2 accounts cannot be verified on save (there is no token until an admin signs in): they are
 * stored `pending`, out of routing, and become usable only when Connect has verified them. A change
 * that invalidates the sign-in drops the tokens and sends the account back to `pending`.
 */
const oauthState = (action: SaveAction, changes: Changes, stored: Stored | null): Changes => {
  const copy: Changes = { ...changes };
  for (const field of OAUTH_FLOW_FIELDS) delete copy[field];
  if (copy.oauthClientSecret === '' || copy.oauthClientSecret === null) delete copy.oauthClientSecret;
  const authType = (copy.authType ?? stored?.authType) as string;
  if (action === 'create') return authType === 'oauth2' ? { ...copy, oauthStatus: 'pending' } : copy;
  if (!stored) return copy;
  if (authType !== 'oauth2') return stored.authType === 'oauth2' ? { ...copy, ...SIGNED_OUT, oauthStatus: null } : copy;
  const signedOut = stored.authType !== 'oauth2' || changed(copy, stored, OAUTH_SIGN_IN_FIELDS).length > 0 || 'oauthClientSecret' in copy;
  return signedOut ? { ...copy, ...SIGNED_OUT, oauthStatus: 'pending' } : copy;
};

const currentAdminEmail = (strapi: Core.Strapi): string | undefined => {
  const user = strapi.requestContext.get()?.state?.user as { email?: string } | undefined;
  return user?.email;
};

/**
 * Runs in a document-service middleware, before `next()` and so outside the database transaction:
 * a slow SMTP server must not hold the (single, on SQLite) connection while we wait for it.
 * Throws a ValidationError (→ 400) and nothing is written when the account does not work.
 * Answers the data to store (a normalised copy: the caller's object is left as it was).
 */
const createSaveGuard = ({ strapi }: { strapi: Core.Strapi }) => {
  const config = () => strapi.config.get<PluginConfig>(`plugin::${PLUGIN_ID}`);

  /** An unreadable stored password (key changed, value tampered) must be re-entered: a 400, never a 500. */
  const openStoredPassword = (sealed: string): string | errors.ValidationError => {
    try {
      return getService(strapi, 'secrets').decrypt(sealed);
    } catch (error) {
      return new errors.ValidationError((error as Error).message, { stage: 'auth', code: 'EDECRYPT', field: 'password' });
    }
  };

  /** Who pointed an account at which server, in the server log: accounts.update decides where mail goes. */
  const auditMove = (action: SaveAction, stored: Stored | null, account: SmtpAccountInput) => {
    if (stored && changed(account as unknown as Changes, stored, ['host', 'port', 'email']).length === 0) return;
    const admin = strapi.requestContext.get()?.state?.user as { id?: number; email?: string } | undefined;
    const who = admin ? `admin #${admin.id} <${admin.email}>` : 'server code';
    const what = stored ? `account #${stored.id} <${account.email}> now sends through` : `new account <${account.email}> sends through`;
    strapi.log.info(`[${PLUGIN_ID}] ${what} ${account.host}:${account.port} (${action} by ${who})`);
  };

  const loadStored = async (documentId: string | undefined): Promise<Stored | null> => {
    if (!documentId) return null;
    const row = (await strapi.db.query(SMTP_ACCOUNT_UID).findOne({ where: { documentId } })) as StoredAccount | null;
    if (!row) return null;
    return { ...row, password: row.password ? openStoredPassword(row.password) : '' };
  };

  /** Transport options with every timeout capped by the verification timeout setting. */
  const boundedOptions = (account: SmtpAccountInput & { address?: string }, timeoutMs: number, tokens?: TokenProvider) => {
    const { timeouts } = config();
    return {
      ...buildTransportOptions(account, config(), tokens),
      connectionTimeout: Math.min(timeouts.connectionMs, timeoutMs),
      greetingTimeout: Math.min(timeouts.greetingMs, timeoutMs),
      socketTimeout: Math.min(timeouts.socketMs, timeoutMs),
    };
  };

  /** 400 HOST_DENIED when the plugin's `hosts` policy refuses the account's host; else the address to connect to. */
  const admitHost = async (host: string): Promise<string> => {
    try {
      return await createHostPolicy(config().hosts).admit(host);
    } catch (error) {
      if (error instanceof HostDeniedError) throw new errors.ValidationError(error.message, { code: 'HOST_DENIED', field: 'host' });
      throw error;
    }
  };

  /** Connect, TLS, AUTH and MAIL FROM, bounded by `verifyTimeoutMs`; nothing is sent. */
  const verify = async (account: SmtpAccountInput, settings: ModuleSettings) => {
    const address = await admitHost(account.host);
    const result = await verifySmtpAccount(boundedOptions({ ...account, address }, settings.verifyTimeoutMs), account.email, settings.verifyTimeoutMs);
    strapi.log.debug(`[${PLUGIN_ID}] verified ${account.email} via ${account.host}:${account.port}: ${result.ok ? 'ok' : result.failure?.code} in ${result.timings.total} ms`);
    if (!result.ok && result.failure) throw refuse(result.failure, '');
    return address;
  };

  /** The optional test message on save (setting `testEmailOnSave`). */
  const sendTestOnSave = async (account: SmtpAccountInput & { address?: string }, settings: ModuleSettings) => {
    if (!settings.testEmailOnSave) return;
    const recipient = settings.testEmailRecipient || currentAdminEmail(strapi);
    if (!recipient) {
      throw new errors.ValidationError('A test message on save is switched on, but there is no recipient: set one in Settings → SMTP accounts.', {
        code: 'NO_TEST_RECIPIENT',
      });
    }
    try {
      await sendTestMessage(boundedOptions(account, settings.verifyTimeoutMs), account, recipient, 'while saving');
    } catch (error) {
      const forms = secretForms({ user: account.username, pass: account.password });
      throw refuse(describeSmtpFailure(error, forms), ` (while sending the test message to ${recipient})`);
    }
  };

  /** The account as it will be stored; null when an update changes nothing the server sees. */
  const accountToCheck = async (action: SaveAction, changes: Changes, stored: Stored | null): Promise<Changes | null | 'missing'> => {
    if (action === 'create') return { ...NEW_ACCOUNT_DEFAULTS, ...changes };
    if (!stored) return 'missing';
    requirePasswordForNewDestination(changes, stored);
    requireClientSecretForNewEndpoint(changes, stored);
    if (changed(changes, stored, CONNECTION_FIELDS).length === 0) {
      // a rename or a toggle (deactivating a broken account too) needs no working password
      await validateCompleteAccount(pick({ ...stored, password: stored.password instanceof Error ? '(unreadable)' : stored.password, ...changes }));
      return null;
    }
    if (stored.password instanceof Error && typeof changes.password !== 'string') throw stored.password;
    return { ...stored, ...(stored.password instanceof Error ? { password: '' } : {}), ...changes };
  };

  return {
    boundedOptions,
    admitHost,

    /** Connect's check: the account logs in over XOAUTH2 with this access token and may send as its address. */
    async verifyOAuth(row: StoredAccount, accessToken: string) {
      const settings = await getService(strapi, 'settings').get();
      const address = await admitHost(row.host);
      const account = { ...row, name: row.name ?? '', username: row.username ?? '', password: '' } as SmtpAccountInput;
      const options = { ...boundedOptions({ ...account, address }, settings.verifyTimeoutMs), auth: { type: 'OAuth2', user: row.username ?? '', accessToken } };
      const result = await verifySmtpAccount(options as never, row.email, settings.verifyTimeoutMs);
      if (!result.ok && result.failure) throw refuse(result.failure, '');
    },

    async beforeSave(action: SaveAction, params: SaveParams): Promise<Changes> {
      const stored = action === 'update' ? await loadStored(params.documentId) : null;
      const changes = oauthState(action, normalize(params.data ?? {}), stored);
      const candidate = await accountToCheck(action, changes, stored);
      // a missing document is answered "not found" by the document service itself
      if (candidate === null || candidate === 'missing') return changes;
      const account = (await validateCompleteAccount(pick(candidate))) as SmtpAccountInput;
      // OAuth2: checked at Connect, with a token (see services/oauth)
      if (account.authType === 'oauth2') {
        await admitHost(account.host);
        auditMove(action, stored, account);
        return changes;
      }
      const settings = await getService(strapi, 'settings').get();
      const address = await verify(account, settings);
      await sendTestOnSave({ ...account, address }, settings);
      auditMove(action, stored, account);
      // write the whole verified destination, not only the changed fields: an update racing this
      // one (checked against another server meanwhile) cannot leave a mix of the two on the row
      return { ...changes, ...Object.fromEntries(DESTINATION_FIELDS.map((field) => [field, account[field] ?? ''])), email: account.email };
    },
  };
};

export type SaveGuard = ReturnType<typeof createSaveGuard>;
export default createSaveGuard;
