import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../../shared/constants';
import { createSecretBox, type SecretBox } from '../crypto/secret-box';

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
  };
};

export type SecretsService = ReturnType<typeof createSecretsService>;
export default createSecretsService;
