import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, SMTP_ACCOUNT_UID } from '../../../shared/constants';
import type { SmtpAccountInput } from '../../../shared/contracts/accounts';
import type { PluginConfig } from '../config';
import { buildTransportOptions } from '../transport/options';
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

const NEW_ACCOUNT_DEFAULTS = { name: '', username: '', active: true, preferForNewsletters: false };

export type SaveAction = 'create' | 'update';
export interface SaveParams {
  documentId?: string;
  data?: Record<string, unknown>;
}

const refuse = (failure: SmtpFailure, when: string) =>
  new errors.ValidationError(`${failure.message}${when}`, {
    stage: failure.stage,
    code: failure.code,
    response: failure.response ?? null,
    responseCode: failure.responseCode ?? null,
  });

/**
 * Runs in a document-service middleware, before `next()` and so outside the database transaction:
 * a slow SMTP server must not hold the (single, on SQLite) connection while we wait for it.
 * Throws a ValidationError (→ 400) and nothing is written when the account does not work.
 */
const createSaveGuard = ({ strapi }: { strapi: Core.Strapi }) => {
  const plugin = () => strapi.plugin(PLUGIN_ID);
  const config = () => strapi.config.get<PluginConfig>(`plugin::${PLUGIN_ID}`);

  const loadStored = async (documentId: string | undefined) => {
    if (!documentId) return null;
    const row = (await strapi.db.query(SMTP_ACCOUNT_UID).findOne({ where: { documentId } })) as StoredAccount | null;
    if (!row) return null;
    return { ...row, password: row.password ? openStoredPassword(row.password) : '' };
  };

  /** An unreadable stored password (key changed, value tampered) must be re-entered: a 400, never a 500. */
  const openStoredPassword = (sealed: string) => {
    try {
      return plugin().service('secrets').decrypt(sealed) as string;
    } catch (error) {
      return new errors.ValidationError(`${(error as Error).message}`, { stage: 'auth', code: 'EDECRYPT' });
    }
  };

  /** Transport options with every timeout capped by the verification timeout setting. */
  const boundedOptions = (account: SmtpAccountInput, timeoutMs: number) => {
    const { timeouts } = config();
    return {
      ...buildTransportOptions(account, config()),
      connectionTimeout: Math.min(timeouts.connectionMs, timeoutMs),
      greetingTimeout: Math.min(timeouts.greetingMs, timeoutMs),
      socketTimeout: Math.min(timeouts.socketMs, timeoutMs),
    };
  };

  return {
    boundedOptions,

    async beforeSave(action: SaveAction, params: SaveParams) {
      const data = params.data ?? {};
      // An empty password on a form means "keep the stored one"; the lifecycle would drop it too.
      if (data.password === '' || data.password === null) delete data.password;
      if (typeof data.name === 'string') data.name = data.name.trim();
      if (typeof data.email === 'string') data.email = data.email.trim();
      if (typeof data.host === 'string') data.host = data.host.trim();

      let candidate: Record<string, unknown>;
      if (action === 'create') {
        candidate = { ...NEW_ACCOUNT_DEFAULTS, ...data };
      } else {
        const stored = await loadStored(params.documentId);
        if (!stored) return; // the document service answers "not found" itself
        if (stored.password instanceof Error) {
          if (typeof data.password !== 'string') throw stored.password;
          stored.password = '';
        }
        candidate = { ...stored, ...data };
        const changesConnection = CONNECTION_FIELDS.some((field) => field in data && data[field] !== stored[field]);
        if (!changesConnection) {
          await validateCompleteAccount(pick(candidate));
          return;
        }
      }

      const account = (await validateCompleteAccount(pick(candidate))) as SmtpAccountInput;
      const settings = await plugin().service('settings').get();
      const result = await verifySmtpAccount(boundedOptions(account, settings.verifyTimeoutMs), account.email, settings.verifyTimeoutMs);
      strapi.log.debug(`[${PLUGIN_ID}] verified ${account.email} via ${account.host}:${account.port}: ${result.ok ? 'ok' : result.failure?.code} in ${result.timings.total} ms`);
      if (!result.ok && result.failure) throw refuse(result.failure, '');

      if (settings.testEmailOnSave) {
        const recipient = settings.testEmailRecipient || currentAdminEmail(strapi);
        if (!recipient) {
          throw new errors.ValidationError(
            'A test message on save is switched on, but there is no recipient: set one in Settings → SMTP accounts.'
          );
        }
        try {
          await sendTestMessage(boundedOptions(account, settings.verifyTimeoutMs), account, recipient, 'while saving');
        } catch (error) {
          throw refuse(describeSmtpFailure(error, [account.password]), ` (while sending the test message to ${recipient})`);
        }
      }
    },
  };
};

const pick = (source: Record<string, unknown>) =>
  Object.fromEntries(ACCOUNT_FIELDS.filter((field) => source[field] !== undefined && source[field] !== null).map((field) => [field, source[field]]));

const currentAdminEmail = (strapi: Core.Strapi): string | undefined => {
  const user = strapi.requestContext.get()?.state?.user as { email?: string } | undefined;
  return user?.email;
};

export type SaveGuard = ReturnType<typeof createSaveGuard>;
export default createSaveGuard;
