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

/** Every column sealed with the key: the password and an OAuth2 account's client secret and tokens. */
export const SEALED_FIELDS = ['password', 'oauthClientSecret', 'oauthRefreshToken', 'oauthAccessToken'] as const;
/** The sealed values an account cannot send without (an access token is renewed from the refresh token). */
const NEEDED_SECRETS = ['password', 'oauthClientSecret', 'oauthRefreshToken'] as const;
type SealedValues = Partial<Record<(typeof SEALED_FIELDS)[number], string | null>>;

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

  /**
   * The account's secrets as a whole: `none` (nothing stored), `unreadable` when any secret it needs (password,
   * OAuth2 client secret or refresh token) was sealed with another key — it cannot send until re-entered
   * (password) or reconnected (OAuth2) — else `ok`.
   */
  const secretsState = (row: SealedValues): PasswordState => {
    const stored = NEEDED_SECRETS.map((field) => row[field]).filter((value): value is string => Boolean(value));
    if (stored.length === 0) return 'none';
    return stored.every(canOpen) ? 'ok' : 'unreadable';
  };

  return {
    /** Throws SecretKeyMissingError at start-up rather than at the first save. */
    assertKey: () => void getBox(),
    encrypt: (plain: string) => getBox().encrypt(plain),
    decrypt: (sealed: string) => getBox().decrypt(sealed),

    canOpen,
    passwordState,
    secretsState,

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

    /** Accounts with a secret the current key cannot open (imported from another app, key changed). */
    async findUnreadable(): Promise<{ id: number; email: string }[]> {
      const rows = (await strapi.db.query(SMTP_ACCOUNT_UID).findMany({ select: ['id', 'email', ...NEEDED_SECRETS], orderBy: { id: 'asc' } })) as ({
        id: number;
        email: string;
      } & SealedValues)[];
      return rows.filter((row) => secretsState(row) === 'unreadable').map(({ id, email }) => ({ id, email }));
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
      const meta = strapi.db.metadata.get(SMTP_ACCOUNT_UID);
      const attributes = meta.attributes as Record<string, { columnName?: string }>;
      const columns = SEALED_FIELDS.map((field) => attributes[field]?.columnName ?? field);
      let reencrypted = 0;
      let alreadyNew = 0;
      await strapi.db.connection.transaction(async (trx) => {
        const rows = (await trx(meta.tableName).select('id', ...columns)) as Record<string, string | null>[];
        for (const row of rows) {
          const changes: Record<string, string> = {};
          for (const column of columns) {
            const sealed = row[column];
            if (!sealed) continue;
            try {
              changes[column] = to.encrypt(from.decrypt(sealed));
            } catch {
              try {
                to.decrypt(sealed);
                alreadyNew += 1;
              } catch {
                throw new SecretDecryptError(`account ${row.id} (${column}) opens with neither the old nor the new key`);
              }
            }
          }
          if (Object.keys(changes).length === 0) continue;
          await trx(meta.tableName).where({ id: row.id }).update(changes);
          reencrypted += Object.keys(changes).length;
        }
      });
      return { reencrypted, alreadyNew };
    },
  };
};

export type SecretsService = ReturnType<typeof createSecretsService>;
export default createSecretsService;
