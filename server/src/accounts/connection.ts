import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { PluginConfig } from '../config';
import { secretForms, tokenForms } from '../redaction/redact';
import type { HostAdmission } from '../transport/host-policy';
import { buildTransportOptions, type TokenProvider } from '../transport/options';
import { sendTestMessage } from '../transport/test-message';
import { TransportCache } from '../transport/transport-cache';
import { verifySmtpAccount, type VerifyResult } from '../transport/verify';
import { bindingOf } from './binding';
import type { Keyring } from './keyring';
import type { OAuthTokens } from './oauth-tokens';
import type { AccountRow } from './row';

/**
 * Which secret a connection signs in with:
 * - `stored`: the account's own sealed secret (password, or its OAuth2 tokens), opened **for the target's
 *   destination** — a target moved anywhere else gets a SecretDecryptError, never a login;
 * - `typed`: a password an admin just typed (a save, before it is stored);
 * - `access-token`: a token fresh from the provider (Connect, before it is stored).
 */
export type Credential =
  | { kind: 'stored' }
  | { kind: 'typed'; password: string }
  | { kind: 'access-token'; token: string };

/** What a connection is made to: an account row, or the account an admin is saving (the stored row with the changes). */
export type Target = Pick<AccountRow, 'email' | 'host' | 'port' | 'security' | 'authType'> &
  Partial<Omit<AccountRow, 'email' | 'host' | 'port' | 'security' | 'authType'>>;

/** A send given up at the deadline: the server may hold the message (a trickling server), so it is never retried elsewhere. */
const deadlinePassed = (ms: number) =>
  Object.assign(new Error(`no complete answer within ${ms} ms: the connection was closed`), {
    code: 'ETIMEDOUT',
    timeoutType: 'DEADLINE',
  });

/**
 * The one place where a secret becomes a connection. Verification on save, the test mail, the scheduled
 * re-check, Connect's check and every pooled send get their nodemailer options here: the secret opened for
 * the target's own destination (see binding.ts), the host admitted by the `hosts` policy and the connection
 * pinned to the checked address, one overall deadline per operation, and the forms of the secrets in play
 * for redaction. Nothing else opens a password or hands a token to a server.
 */
export const createConnections = (deps: {
  keyring: Keyring;
  tokens: OAuthTokens;
  hosts: HostAdmission;
  config: () => PluginConfig;
}) => {
  const { keyring, tokens, config } = deps;
  const admit = (host: string, options?: { cached?: boolean }) => deps.hosts.admit(host, options);

  const passwordOf = (target: Target, credential: Credential) => {
    if (target.authType === 'none' || target.authType === 'oauth2') return '';
    if (credential.kind === 'typed') return credential.password;
    if (credential.kind !== 'stored' || !target.password) return '';
    return keyring.open('password', target.password, target);
  };

  /** An OAuth2 sign-in: the typed token, or the account's own tokens at this destination (refreshed when due). */
  const tokenProviderOf = (target: Target, credential: Credential): TokenProvider => {
    if (credential.kind === 'access-token')
      return () => Promise.resolve({ token: credential.token, expiresAt: Date.now() + 60_000 });
    const row = target as AccountRow;
    return (renew) => tokens.accessToken(row, renew);
  };

  /** The forms of every secret this connection may have sent, read when a text is about to leave. */
  /**
   * The forms of the secrets a connection uses, for redaction. The password's and a given token's are fixed, so
   * worked out once (every send of a pool asks); an OAuth2 account's own tokens rotate, so they are asked each time.
   */
  const formsOf = (target: Target, credential: Credential, password: string) => {
    const fixed = [
      ...secretForms({ user: target.username, pass: password }),
      ...(credential.kind === 'access-token'
        ? tokenForms(target.username ?? '', credential.token)
        : []),
    ];
    return target.authType === 'oauth2' && target.id
      ? () => [...fixed, ...tokens.formsOf(target as AccountRow)]
      : () => fixed;
  };

  /** Options for one connection, every timeout within `deadlineMs`. */
  const oneOff = async (target: Target, credential: Credential, deadlineMs: number) => {
    const address = await admit(target.host);
    const password = passwordOf(target, credential);
    // an OAuth2 account's token is asked for first: a lost grant is said as such, not as a failed login
    if (target.authType === 'oauth2' && credential.kind === 'stored')
      await tokens.accessToken(target as AccountRow, false);
    const { timeouts } = config();
    const options: SMTPTransport.Options = {
      ...buildTransportOptions(
        { ...target, password, address },
        config(),
        target.authType === 'oauth2' ? tokenProviderOf(target, credential) : undefined
      ),
      connectionTimeout: Math.min(timeouts.connectionMs, deadlineMs),
      greetingTimeout: Math.min(timeouts.greetingMs, deadlineMs),
      socketTimeout: Math.min(timeouts.socketMs, deadlineMs),
    };
    return { options, address, forms: formsOf(target, credential, password) };
  };

  // ---- pooled transports, one per account -------------------------------------------------------------

  /** Per account, the forms its pool's secrets may be echoed in (every token it was handed included). */
  const poolForms = new Map<number, () => string[]>();

  const buildPool = (row: AccountRow, address: string) => {
    const password = passwordOf(row, { kind: 'stored' });
    poolForms.set(row.id, formsOf(row, { kind: 'stored' }, password));
    const { pool } = config();
    return nodemailer.createTransport({
      ...buildTransportOptions(
        { ...row, password, address: address || undefined },
        config(),
        row.authType === 'oauth2' ? tokenProviderOf(row, { kind: 'stored' }) : undefined
      ),
      pool: true,
      maxConnections: pool.maxConnections,
      maxMessages: pool.maxMessages,
    });
  };

  /** A pool is rebuilt only when where or how it signs in changes: not on a rename or a toggle. */
  /** Worked out once per row object (the account index hands out the same rows until its next sync). */
  const versions = new WeakMap<AccountRow, string>();
  const poolVersion = (row: AccountRow) => {
    let version = versions.get(row);
    if (version === undefined) {
      version = versionOf(row);
      versions.set(row, version);
    }
    return version;
  };
  const versionOf = (row: AccountRow) =>
    JSON.stringify([
      bindingOf('password', row),
      row.password ?? '',
      bindingOf('oauthAccessToken', row),
      row.oauthClientSecret ?? '',
    ]);

  let pools: TransportCache<AccountRow> | null = null;
  const cache = () =>
    (pools ??= new TransportCache<AccountRow>(buildPool, poolVersion, config().pool.idleMs));

  return {
    admit,

    /** Connect, TLS, AUTH and MAIL FROM as the account will send, bounded by `deadlineMs`; nothing is sent. */
    async verify(
      target: Target,
      credential: Credential,
      deadlineMs: number
    ): Promise<VerifyResult> {
      const { options, forms } = await oneOff(target, credential, deadlineMs);
      return verifySmtpAccount(options, target.email, deadlineMs, forms);
    },

    /** One short message from the account over its own connection, within `deadlineMs` (a trickling server included). */
    async sendTest(
      target: Target,
      credential: Credential,
      recipient: string,
      reason: string,
      deadlineMs: number
    ) {
      const { options, forms } = await oneOff(target, credential, deadlineMs);
      try {
        return {
          ...(await sendTestMessage(
            options,
            target,
            recipient,
            reason,
            AbortSignal.timeout(deadlineMs)
          )),
          forms,
        };
      } catch (error) {
        throw Object.assign(
          (error as { code?: string }).code === 'EABORT'
            ? deadlinePassed(deadlineMs)
            : (error as Error),
          { forms }
        );
      }
    },

    /**
     * A mail through the account's pool, given up after `timeouts.sendMs` (only the connection carrying it is
     * closed). Host admitted from a minute's cache (a DNS look-up per send would cost more than the send).
     */
    async send(
      row: AccountRow,
      message: Mail.Options
    ): Promise<{ response?: string; messageId?: string }> {
      const address = await admit(row.host, { cached: true });
      const { sendMs } = config().timeouts;
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(), sendMs);
      try {
        return await cache()
          .get(row, address)
          .sendMail({ ...message, signal: deadline.signal } as Mail.Options);
      } catch (error) {
        throw (error as { code?: string }).code === 'EABORT' ? deadlinePassed(sendMs) : error;
      } finally {
        // not AbortSignal.timeout: its timer would stay armed for sendMs after every send
        clearTimeout(timer);
      }
    },

    /** The forms of this account's secrets to cut out of replies and errors (its pool's, every token included). */
    formsOf(row: AccountRow): string[] {
      return poolForms.get(row.id)?.() ?? formsOf(row, { kind: 'stored' }, '')();
    },

    /** Retires the pools of accounts that are gone, inactive, or sign in differently now. */
    retain(rows: Iterable<AccountRow>) {
      cache().retain(rows);
    },

    isIdle: () => (pools ? pools.isIdle() : true),

    close() {
      pools?.closeAll();
      pools = null;
      poolForms.clear();
      deps.hosts.clear();
    },
  };
};

export type Connections = ReturnType<typeof createConnections>;
