import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, SMTP_ACCOUNT_UID } from '../../../shared/constants';
import type { SmtpAccount, SmtpAccountInput } from '../../../shared/contracts/accounts';
import { getService } from '../get-service';
import { redact, secretForms } from '../redaction/redact';
import { describeSmtpFailure } from '../transport/smtp-failure';
import { sendTestMessage } from '../transport/test-message';
import { validateAccountInput, validateTestMailInput } from '../validation/account';

/** A row as the database holds it: the password is the sealed (encrypted) text. */
export interface StoredAccount extends Omit<SmtpAccount, 'hasPassword' | 'hasClientSecret' | 'passwordState' | 'createdAt' | 'updatedAt'> {
  password: string | null;
  oauthClientSecret?: string | null;
  createdAt: string | Date;
  updatedAt: string | Date;
}

const iso = (value: string | Date) => (value instanceof Date ? value.toISOString() : String(value));

/** The only shape that leaves the server: the password is reduced to `hasPassword` and `passwordState`. */
export const toPublicAccount = (row: StoredAccount, passwordState: (row: StoredAccount) => SmtpAccount['passwordState']): SmtpAccount => ({
  id: row.id,
  documentId: row.documentId,
  name: row.name ?? '',
  email: row.email,
  host: row.host,
  port: row.port,
  security: row.security,
  authType: row.authType,
  username: row.username ?? '',
  hasPassword: Boolean(row.password),
  passwordState: passwordState(row),
  active: Boolean(row.active),
  preferForNewsletters: Boolean(row.preferForNewsletters),
  limitPerMinute: row.limitPerMinute ?? null,
  limitPerHour: row.limitPerHour ?? null,
  limitPerDay: row.limitPerDay ?? null,
  oauthProvider: row.oauthProvider ?? null,
  oauthTenant: row.oauthTenant ?? '',
  oauthClientId: row.oauthClientId ?? '',
  hasClientSecret: Boolean(row.oauthClientSecret),
  oauthAuthorizeUrl: row.oauthAuthorizeUrl ?? '',
  oauthTokenUrl: row.oauthTokenUrl ?? '',
  oauthScope: row.oauthScope ?? '',
  oauthStatus: row.authType === 'oauth2' ? (row.oauthStatus ?? 'pending') : null,
  createdAt: iso(row.createdAt),
  updatedAt: iso(row.updatedAt),
});

/**
 * CRUD for the admin API. Writes go through the document service so that the
 * verify-on-save middleware and the encrypting lifecycles run whatever the caller.
 */
const createAccountsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(SMTP_ACCOUNT_UID);
  const passwordState = (row: StoredAccount) => getService(strapi, 'secrets').secretsState(row);
  const documents = () => strapi.documents(SMTP_ACCOUNT_UID);

  const findRow = async (id: number): Promise<StoredAccount> => {
    const row = Number.isSafeInteger(id) && id > 0 ? await rows().findOne({ where: { id } }) : null;
    if (!row) throw new errors.NotFoundError(`SMTP account ${id} not found`);
    return row as StoredAccount;
  };

  return {
    findRow,

    async list(): Promise<SmtpAccount[]> {
      const all = (await rows().findMany({ orderBy: { id: 'asc' } })) as StoredAccount[];
      return all.map((row) => toPublicAccount(row, passwordState));
    },

    async findOne(id: number): Promise<SmtpAccount> {
      return toPublicAccount(await findRow(id), passwordState);
    },

    async create(input: unknown): Promise<SmtpAccount> {
      await validateAccountInput(input);
      const created = await documents().create({ data: input as SmtpAccountInput as never });
      return this.findOne(created.id as number);
    },

    async update(id: number, input: unknown): Promise<SmtpAccount> {
      await validateAccountInput(input);
      const row = await findRow(id);
      await documents().update({ documentId: row.documentId, data: input as Partial<SmtpAccountInput> as never });
      return this.findOne(id);
    },

    /**
     * Sends a test message from a stored account, to the server its password was entered for (the
     * body names only the recipient). An SMTP failure is a 400 naming its stage.
     */
    async sendTest(id: number, input: unknown) {
      const { to } = (await validateTestMailInput(input)) as { to: string };
      const row = await findRow(id);
      let password = '';
      try {
        password = row.password ? getService(strapi, 'secrets').decrypt(row.password) : '';
      } catch (error) {
        throw new errors.ValidationError((error as Error).message, { stage: 'auth', code: 'EDECRYPT', field: 'password' });
      }
      const account = { ...row, name: row.name ?? '', username: row.username ?? '', password };
      const guard = getService(strapi, 'saveGuard');
      const address = await guard.admitHost(account.host);
      const settings = await getService(strapi, 'settings').get();
      // an OAuth2 account signs in with its current access token (refreshed if due), as a real send does
      const tokens = row.authType === 'oauth2' ? (renew: boolean) => getService(strapi, 'oauth').accessToken(row.id, renew) : undefined;
      const options = guard.boundedOptions({ ...account, address }, settings.verifyTimeoutMs, tokens);
      // the token is known only once the send asked for it: the forms to cut out are read afterwards
      const formsOf = () => [...secretForms({ user: account.username, pass: password }), ...getService(strapi, 'oauth').tokenFormsOf(row.id, account.username)];
      try {
        const sent = await sendTestMessage(options, account, to, 'on request from the admin panel');
        // a server may echo what it got in its 250 reply too: the answer goes to a role that never reads passwords
        return { messageId: sent.messageId, response: redact(sent.response ?? '', formsOf()) };
      } catch (error) {
        const failure = describeSmtpFailure(error, formsOf());
        throw new errors.ValidationError(failure.message, {
          stage: failure.stage,
          code: failure.code,
          response: failure.response ?? null,
          responseCode: failure.responseCode ?? null,
        });
      }
    },

    async remove(id: number): Promise<{ id: number }> {
      const row = await findRow(id);
      await documents().delete({ documentId: row.documentId });
      return { id };
    },
  };
};

export type AccountsService = ReturnType<typeof createAccountsService>;
export default createAccountsService;
