import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID } from '../../../shared/constants';
import type { SmtpAccountInput } from '../../../shared/contracts/accounts';
import type { ModuleSettings } from '../../../shared/contracts/settings';
import { isSealed } from '../crypto/secret-box';
import { redact } from '../redaction/redact';
import { describeSmtpFailure, type SmtpFailure } from '../transport/smtp-failure';
import { ACCOUNT_FIELDS, validateCompleteAccount } from '../validation/account';
import { ENTERED_SECRETS, movedFields, SMTP_DESTINATION, type SecretField } from './binding';
import type { Connections, Credential, Target } from './connection';
import { hostRefusal } from './host-refusal';
import type { Keyring } from './keyring';
import type { AccountRow } from './row';
import type { AccountStore } from './store';

/**
 * Fields whose change can make a working account fail. A change of only `name`, `active`, the limits or
 * `preferForNewsletters` is stored without a new SMTP check: none of them reaches the server.
 */
const CONNECTION_FIELDS = [
  'email',
  'host',
  'port',
  'security',
  'authType',
  'username',
  'password',
] as const;

const NEW_ACCOUNT_DEFAULTS = {
  name: '',
  username: '',
  active: true,
  preferForNewsletters: false,
  security: 'starttls',
  authType: 'plain',
};

/** Changing one of these invalidates an OAuth2 sign-in: the tokens are dropped and the account waits for Connect. */
const OAUTH_SIGN_IN_FIELDS = [
  'oauthProvider',
  'oauthTenant',
  'oauthAuthorizeUrl',
  'oauthTokenUrl',
  'oauthClientId',
  'oauthScope',
  ...SMTP_DESTINATION,
  'email',
] as const;
/** Set only by the OAuth2 flow, never by a caller of the document service. */
const OAUTH_FLOW_FIELDS = [
  'oauthRefreshToken',
  'oauthAccessToken',
  'oauthAccessExpiresAt',
  'oauthStatus',
  'oauthLockUntil',
] as const;
/** Kept by the health watch and the domain check, never by a caller. */
const WATCH_FIELDS = [
  'healthState',
  'healthSince',
  'healthStage',
  'healthReply',
  'lastCheckAt',
  'domainCheck',
] as const;
const SIGNED_OUT = {
  oauthRefreshToken: null,
  oauthAccessToken: null,
  oauthAccessExpiresAt: null,
  oauthLockUntil: null,
};

export type SaveAction = 'create' | 'update';
type Changes = Record<string, unknown>;

const REQUIRED_AGAIN: Record<
  'password' | 'oauthClientSecret',
  { code: string; what: string; where: string }
> = {
  password: {
    code: 'PASSWORD_REQUIRED',
    what: 'the password',
    where: 'the server it was entered for',
  },
  oauthClientSecret: {
    code: 'CLIENT_SECRET_REQUIRED',
    what: 'the client secret',
    where: 'the token endpoint and the server it was entered for',
  },
};

const refuse = (failure: SmtpFailure, when: string) =>
  new errors.ValidationError(`${failure.message}${when}`, {
    stage: failure.stage,
    code: failure.code,
    response: failure.response ?? null,
    responseCode: failure.responseCode ?? null,
  });

/** Secrets are typed, never pasted sealed: a `v1:…`/`v2:…` value from a dump or backup is refused, whatever it opens. */
export const refuseSealedSecrets = (data: Changes | undefined) => {
  for (const field of ENTERED_SECRETS) {
    if (isSealed(data?.[field])) {
      throw new errors.ValidationError(
        `Type the ${field} itself: an encrypted value (copied from a database, a backup or an export) is never accepted.`,
        {
          code: 'SEALED_VALUE_REFUSED',
          field,
        }
      );
    }
  }
};

/** A copy of the request data as it will be stored: trimmed texts, an empty secret meaning "keep it", no flow or watch fields. */
const normalize = (data: Changes): Changes => {
  const copy: Changes = { ...data };
  for (const field of [...ENTERED_SECRETS])
    if (copy[field] === '' || copy[field] === null) delete copy[field];
  for (const field of [...OAUTH_FLOW_FIELDS, ...WATCH_FIELDS]) delete copy[field];
  for (const field of ['name', 'email', 'host'] as const)
    if (typeof copy[field] === 'string') copy[field] = (copy[field] as string).trim();
  return copy;
};

const pick = (source: Record<string, unknown>) =>
  Object.fromEntries(
    ACCOUNT_FIELDS.filter((field) => source[field] !== undefined && source[field] !== null).map(
      (field) => [field, source[field]]
    )
  );

/** An empty text and a missing value are the same (the API answers '' for a null column, clients send it back). */
const same = (a: unknown, b: unknown) =>
  a === b ||
  ((a === null || a === undefined || a === '') && (b === null || b === undefined || b === ''));
const changed = (changes: Changes, stored: Changes, fields: readonly string[]) =>
  fields.filter((field) => field in changes && !same(changes[field], stored[field]));

/** OAuth2 accounts are stored `pending` (no token until an admin signs in); a change that invalidates the sign-in drops the tokens. */
const oauthState = (action: SaveAction, changes: Changes, stored: AccountRow | null): Changes => {
  const authType = (changes.authType ?? stored?.authType) as string;
  if (action === 'create')
    return authType === 'oauth2' ? { ...changes, oauthStatus: 'pending' } : changes;
  if (!stored) return changes;
  if (authType !== 'oauth2')
    return stored.authType === 'oauth2'
      ? { ...changes, ...SIGNED_OUT, oauthStatus: null }
      : changes;
  const signedOut =
    stored.authType !== 'oauth2' ||
    changed(changes, stored as never, OAUTH_SIGN_IN_FIELDS).length > 0 ||
    'oauthClientSecret' in changes;
  return signedOut ? { ...changes, ...SIGNED_OUT, oauthStatus: 'pending' } : changes;
};

/**
 * Verification on save, in a document-service middleware: before `next()`, so outside the database
 * transaction (a slow SMTP server must not hold SQLite's one connection). Throws a ValidationError (→ 400)
 * and nothing is written when the account does not work, or when the update points a stored secret
 * somewhere new without carrying it. Answers the data to store (a normalised copy).
 */
export const createSaveGuard = (deps: {
  strapi: Core.Strapi;
  store: AccountStore;
  keyring: Keyring;
  connections: Connections;
  settings: () => Promise<ModuleSettings>;
}) => {
  const { strapi, store, keyring, connections } = deps;

  /** Who pointed an account at which server, in the server log: accounts.update decides where mail goes. */
  const auditMove = (action: SaveAction, stored: AccountRow | null, account: SmtpAccountInput) => {
    if (
      stored &&
      changed(account as never, stored as never, ['host', 'port', 'email']).length === 0
    )
      return;
    const admin = strapi.requestContext.get()?.state?.user as
      { id?: number; email?: string } | undefined;
    const who = admin ? `admin #${admin.id} <${admin.email}>` : 'server code';
    const what = stored
      ? `account #${stored.id} <${account.email}> now sends through`
      : `new account <${account.email}> sends through`;
    strapi.log.info(`[${PLUGIN_ID}] ${what} ${account.host}:${account.port} (${action} by ${who})`);
  };

  /**
   * A secret the update does not carry must open for the account as it will be: moved elsewhere it is asked
   * for again (PASSWORD_REQUIRED / CLIENT_SECRET_REQUIRED, naming what moved); unreadable already (another key)
   * it is asked for again when anything that reaches the server changes (EDECRYPT).
   */
  const requireSecretsFor = (
    candidate: AccountRow,
    stored: AccountRow,
    changes: Changes,
    connectionChanged: boolean
  ) => {
    const needs: SecretField[] =
      candidate.authType === 'oauth2'
        ? ['oauthClientSecret']
        : candidate.authType === 'none'
          ? []
          : ['password'];
    for (const field of needs as ('password' | 'oauthClientSecret')[]) {
      if (typeof changes[field] === 'string' || !stored[field]) continue;
      const sealed = stored[field] as string;
      if (keyring.opens(field, sealed, candidate)) continue;
      const moved = movedFields(field, stored, candidate);
      if (moved.length > 0 && keyring.opens(field, sealed, stored)) {
        const { code, what, where } = REQUIRED_AGAIN[field];
        throw new errors.ValidationError(
          `Re-enter ${what}: it is only sent to ${where}, and this change (${moved.join(', ')}) points the account elsewhere.`,
          {
            code,
            field,
            params: { fields: moved },
          }
        );
      }
      if (connectionChanged || moved.length > 0) {
        throw new errors.ValidationError(
          `The stored ${field === 'password' ? 'password' : 'client secret'} cannot be decrypted (another encryption key): enter it again.`,
          {
            stage: 'auth',
            code: 'EDECRYPT',
            field,
          }
        );
      }
    }
  };

  /** The optional test message on save (setting `testEmailOnSave`). */
  const sendTestOnSave = async (
    target: Target,
    credential: Credential,
    settings: ModuleSettings
  ) => {
    if (!settings.testEmailOnSave) return;
    const admin = strapi.requestContext.get()?.state?.user as { email?: string } | undefined;
    const recipient = settings.testEmailRecipient || admin?.email;
    if (!recipient) {
      throw new errors.ValidationError(
        'A test message on save is switched on, but there is no recipient: set one in Settings → SMTP accounts.',
        { code: 'NO_TEST_RECIPIENT' }
      );
    }
    try {
      await connections.sendTest(
        target,
        credential,
        recipient,
        'while saving',
        settings.verifyTimeoutMs
      );
    } catch (error) {
      const forms = (error as { forms?: () => string[] }).forms?.() ?? [];
      throw refuse(
        describeSmtpFailure(error, forms),
        ` (while sending the test message to ${redact(recipient, forms)})`
      );
    }
  };

  return {
    async beforeSave(
      action: SaveAction,
      params: { documentId?: string; data?: Changes }
    ): Promise<Changes> {
      refuseSealedSecrets(params.data);
      const stored =
        action === 'update' && params.documentId
          ? await store.findByDocumentId(params.documentId)
          : null;
      const changes = oauthState(action, normalize(params.data ?? {}), stored);
      // a missing document is answered "not found" by the document service itself
      if (action === 'update' && !stored) return changes;
      const candidate = (
        action === 'create' ? { ...NEW_ACCOUNT_DEFAULTS, ...changes } : { ...stored, ...changes }
      ) as AccountRow;
      const connectionChanged =
        action === 'create' || changed(changes, stored as never, CONNECTION_FIELDS).length > 0;
      // the account as it will be must be complete first (an emptied field is REQUIRED, not a move);
      // the stored secret stands in for "is there a password" (whether it opens there is checked next)
      const present = (field: 'password' | 'oauthClientSecret') =>
        typeof changes[field] === 'string'
          ? changes[field]
          : stored?.[field]
            ? '(stored)'
            : undefined;
      const account = (await validateCompleteAccount(
        pick({
          ...candidate,
          password: present('password'),
          oauthClientSecret: present('oauthClientSecret'),
        })
      )) as SmtpAccountInput;
      if (stored) requireSecretsFor(candidate, stored, changes, connectionChanged);
      // a rename or a toggle (deactivating a broken account too) needs no SMTP check
      if (!connectionChanged) return changes;
      // OAuth2: checked at Connect, with a token
      if (account.authType === 'oauth2') {
        await connections
          .admit(account.host)
          .catch((error: unknown) => Promise.reject(hostRefusal(error)));
        auditMove(action, stored, account);
        return changes;
      }
      const settings = await deps.settings();
      const credential: Credential =
        typeof changes.password === 'string'
          ? { kind: 'typed', password: changes.password }
          : { kind: 'stored' };
      const target = {
        ...candidate,
        name: candidate.name ?? '',
        username: candidate.username ?? '',
      };
      const result = await connections
        .verify(target, credential, settings.verifyTimeoutMs)
        .catch((error: unknown) => Promise.reject(hostRefusal(error)));
      strapi.log.debug(
        `[${PLUGIN_ID}] verified ${account.email} via ${account.host}:${account.port}: ${result.ok ? 'ok' : result.failure?.code} in ${result.timings.total} ms`
      );
      if (!result.ok && result.failure) throw refuse(result.failure, '');
      await sendTestOnSave(target, credential, settings);
      auditMove(action, stored, account);
      // write the whole verified destination, not only the changed fields: an update racing this one
      // (checked against another server meanwhile) cannot leave a mix of the two on the row
      return {
        ...changes,
        ...Object.fromEntries(SMTP_DESTINATION.map((field) => [field, account[field] ?? ''])),
        email: account.email,
      };
    },
  };
};

export type SaveGuard = ReturnType<typeof createSaveGuard>;
