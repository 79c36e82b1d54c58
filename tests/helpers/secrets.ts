import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import { bindingOf, type Destination, type SecretField } from '../../server/src/accounts/binding';
import { createSecretBox } from '../../server/src/crypto/secret-box';

const currentKey = () => process.env.SMTP_ACCOUNTS_ENCRYPTION_KEY;

/** A stored secret opened as the plugin would, for the row's own destination (throws for another one). */
export const openSecret = (
  row: Record<string, unknown>,
  field: SecretField = 'password',
  key = currentKey()
) => createSecretBox(key).decrypt(String(row[field]), bindingOf(field, row as Destination));

/** A secret sealed for a row's destination with a key, as the plugin stores it. */
export const sealSecret = (
  plain: string,
  row: Record<string, unknown>,
  field: SecretField = 'password',
  key = currentKey()
) => createSecretBox(key).encrypt(plain, bindingOf(field, row as Destination));

/** A value in the v1 format (sealed before bindings existed), as an older version of the plugin stored it. */
export const legacySeal = (plain: string, key = currentKey() ?? '') => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(key).digest(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    body.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join(':');
};
