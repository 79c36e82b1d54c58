import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN_ID, SMTP_ACCOUNT_UID } from '../../../shared/constants';
import type { PasswordState } from '../../../shared/contracts/accounts';
import { createSecretBox, isSealed, SecretDecryptError, type SecretBox } from '../crypto/secret-box';

/**
 * A sealed value that this key cannot open, written as a password: storing it would look fine and
 * never log in. The message and details never carry the value.
 */
export const sealedWithOtherKey = () =>
  new errors.ValidationError(
    'The password is an encrypted SMTP password (v1:…) that this server\'s encryption key cannot open: it was sealed with another key. Enter the plain password, or re-encrypt the stored passwords with smtp-accounts-rekey and the old key.',
    { code: 'PASSWORD_SEALED_WITH_OTHER_KEY', field: 'password' }
  );

/** The password box, keyed by the plugin's `encryptionKey`, else Strapi's `admin.secrets.encryptionKey`. */
const createSecretsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let box: SecretBox | undefined;
  const getBox = () => {
    box ??= createSecretBox(
      strapi.config.get<string>(`plugin::${PLUGIN_ID}.encryptionKey`) || strapi.config.get<string>('admin.secrets.encryptionKey')
    );
    return box;
  };

  /** Whether a stored value opens with the current key (a wrong key and a tampered value alike answer false). */
  const canOpen = (sealed: string): boolean => {
    try {
      getBox().decrypt(sealed);
      return true;
    } catch {
      return false;
    }
  };

  /** `none`: no password stored; `unreadable`: stored, but the current key cannot open it (re-enter it). */
  const passwordState = (sealed: string | null | undefined): PasswordState => {
    if (!sealed) return 'none';
    return canOpen(sealed) ? 'ok' : 'unreadable';
  };

  return {
    /** Throws SecretKeyMissingError at start-up rather than at the first save. */
    assertKey: () => void getBox(),
    encrypt: (plain: string) => getBox().encrypt(plain),
    decrypt: (sealed: string) => getBox().decrypt(sealed),

    canOpen,
    passwordState,

    /**
     * What to store for a password written to the table: plain text is encrypted; a value already
     * sealed with the current key (a clone, a row copied with db.query) is stored as is, never
     * sealed twice; one sealed with another key is refused (ValidationError, code
     * PASSWORD_SEALED_WITH_OTHER_KEY). Synchronous and cheap: the lifecycles call it inside the transaction.
     */
    sealOnce(value: string): string {
      if (!isSealed(value)) return getBox().encrypt(value);
      if (canOpen(value)) return value;
      throw sealedWithOtherKey();
    },

    /** Accounts whose stored password the current key cannot open (imported from another app, key changed). */
    async findUnreadable(): Promise<{ id: number; email: string }[]> {
      const rows = (await strapi.db.query(SMTP_ACCOUNT_UID).findMany({ select: ['id', 'email', 'password'], orderBy: { id: 'asc' } })) as {
        id: number;
        email: string;
        password: string | null;
      }[];
      return rows.filter((row) => passwordState(row.password) === 'unreadable').map(({ id, email }) => ({ id, email }));
    },

    /**
     * Re-encrypts every stored password from one key to another, in one transaction, straight
     * through knex (the lifecycles refuse a value sealed with a key other than the running one). A password already sealed with
     * the new key is left alone, so an interrupted run can simply be repeated. Restart Strapi with
     * the new key afterwards.
     */
    async rekey(oldKey: string, newKey: string) {
      const from = createSecretBox(oldKey);
      const to = createSecretBox(newKey);
      const table = strapi.db.metadata.get(SMTP_ACCOUNT_UID).tableName;
      let reencrypted = 0;
      let alreadyNew = 0;
      await strapi.db.connection.transaction(async (trx) => {
        const rows = (await trx(table).select('id', 'password')) as { id: number; password: string | null }[];
        for (const row of rows) {
          if (!row.password) continue;
          let plain: string;
          try {
            plain = from.decrypt(row.password);
          } catch (error) {
            try {
              to.decrypt(row.password);
              alreadyNew += 1;
              continue;
            } catch {
              throw new SecretDecryptError(`account ${row.id} opens with neither the old nor the new key`);
            }
          }
          await trx(table).where({ id: row.id }).update({ password: to.encrypt(plain) });
          reencrypted += 1;
        }
      });
      return { reencrypted, alreadyNew };
    },
  };
};

export type SecretsService = ReturnType<typeof createSecretsService>;
export default createSecretsService;
