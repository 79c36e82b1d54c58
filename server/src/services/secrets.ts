import type { Core } from '@strapi/strapi';
import { PLUGIN_ID, SMTP_ACCOUNT_UID } from '../../../shared/constants';
import { createSecretBox, SecretDecryptError, type SecretBox } from '../crypto/secret-box';

/** The password box, keyed by the plugin's `encryptionKey`, else Strapi's `admin.secrets.encryptionKey`. */
const createSecretsService = ({ strapi }: { strapi: Core.Strapi }) => {
  let box: SecretBox | undefined;
  const getBox = () => {
    box ??= createSecretBox(
      strapi.config.get<string>(`plugin::${PLUGIN_ID}.encryptionKey`) || strapi.config.get<string>('admin.secrets.encryptionKey')
    );
    return box;
  };

  return {
    /** Throws SecretKeyMissingError at start-up rather than at the first save. */
    assertKey: () => void getBox(),
    encrypt: (plain: string) => getBox().encrypt(plain),
    decrypt: (sealed: string) => getBox().decrypt(sealed),

    /**
     * Re-encrypts every stored password from one key to another, in one transaction, straight
     * through knex (lifecycles would encrypt the ciphertext again). A password already sealed with
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
