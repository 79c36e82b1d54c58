import { errors } from '@strapi/utils';
import type { SmtpAccount, SmtpAccountInput } from '../../../shared/contracts/accounts';
import type { ModuleSettings } from '../../../shared/contracts/settings';
import { SecretDecryptError } from '../crypto/secret-box';
import { redact } from '../redaction/redact';
import { describeSmtpFailure } from '../transport/smtp-failure';
import { validateAccountInput, validateTestMailInput } from '../validation/account';
import type { Connections } from './connection';
import { hostRefusal } from './host-refusal';
import type { Keyring } from './keyring';
import { toPublicAccount, type AccountRow } from './row';
import type { AccountStore } from './store';

/** How a test mail went, for the send log and the account's health (the runtime writes both). */
export interface TestMailOutcome {
  account: AccountRow;
  to: string;
  ok: boolean;
  messageId?: string;
  response?: string;
  failure?: { stage: string; code: string; detail: string };
  durationMs: number;
}

/**
 * The accounts as the admin API serves them: validated input in, public accounts out (never a secret).
 * Writes go through the store's document-service path, so verification on save and sealing run whoever
 * calls; the test mail goes through the connection module like every other use of a secret.
 */
export const createAccountsAdmin = (deps: {
  store: AccountStore;
  keyring: Keyring;
  connections: Connections;
  settings: () => Promise<ModuleSettings>;
  /** A test mail is a mail: it goes into the send log (answering the entry's id) and the account's health. */
  recordTestMail: (outcome: TestMailOutcome) => Promise<number>;
}) => {
  const { store, keyring, connections } = deps;
  const toPublic = (row: AccountRow) => toPublicAccount(row, keyring.state(row));

  const api = {
    toPublic,

    async list(): Promise<SmtpAccount[]> {
      return (await store.list()).map(toPublic);
    },

    async findOne(id: number): Promise<SmtpAccount> {
      return toPublic(await store.get(id));
    },

    async create(input: unknown): Promise<SmtpAccount> {
      await validateAccountInput(input);
      const created = await store.create(input as SmtpAccountInput as never);
      return api.findOne(created.id as number);
    },

    async update(id: number, input: unknown): Promise<SmtpAccount> {
      await validateAccountInput(input);
      const row = await store.get(id);
      await store.update(row.documentId, input as Partial<SmtpAccountInput> as never);
      return api.findOne(id);
    },

    async remove(id: number): Promise<{ id: number }> {
      const row = await store.get(id);
      await store.remove(row.documentId);
      return { id };
    },

    /**
     * A test message from a stored account, to the server its secret was entered for (the body names only
     * the recipient), within `verifyTimeoutMs`. An SMTP failure is a 400 naming its stage; the server's reply
     * is redacted (a role that never reads passwords gets it).
     */
    async sendTest(id: number, input: unknown) {
      const { to } = (await validateTestMailInput(input)) as { to: string };
      const row = await store.get(id);
      const { verifyTimeoutMs } = await deps.settings();
      const started = Date.now();
      try {
        const sent = await connections.sendTest(
          row,
          { kind: 'stored' },
          to,
          'on request from the admin panel',
          verifyTimeoutMs
        );
        const response = redact(sent.response ?? '', sent.forms());
        const durationMs = Date.now() - started;
        const logId = await deps.recordTestMail({
          account: row,
          to,
          ok: true,
          messageId: sent.messageId,
          response,
          durationMs,
        });
        return { messageId: sent.messageId, response, logId };
      } catch (error) {
        if (error instanceof SecretDecryptError) {
          throw new errors.ValidationError(
            'The stored secret cannot be decrypted for this account: enter it again.',
            { stage: 'auth', code: 'EDECRYPT', field: 'password' }
          );
        }
        const refusal = hostRefusal(error);
        if (refusal !== error) throw refusal;
        const failure = describeSmtpFailure(
          error,
          (error as { forms?: () => string[] }).forms?.() ?? []
        );
        const durationMs = Date.now() - started;
        const logId = await deps.recordTestMail({
          account: row,
          to,
          ok: false,
          failure,
          durationMs,
        });
        throw new errors.ValidationError(failure.message, {
          stage: failure.stage,
          code: failure.code,
          response: failure.response ?? null,
          responseCode: failure.responseCode ?? null,
          logId,
        });
      }
    },
  };
  return api;
};

export type AccountsAdmin = ReturnType<typeof createAccountsAdmin>;
