import { createHash, createHmac } from 'node:crypto';
import { errors } from '@strapi/utils';
import type { PasswordState } from '../../../shared/contracts/accounts';
import {
  createSecretBox,
  isLegacySealed,
  isSealed,
  SecretDecryptError,
  type SecretBox,
} from '../crypto/secret-box';
import { bindingOf, type Destination, type SecretField } from './binding';

/** The secrets an account cannot send without (an access token is renewed from the refresh token). */
const NEEDED: Record<'password' | 'oauth2', readonly SecretField[]> = {
  password: ['password'],
  oauth2: ['oauthClientSecret', 'oauthRefreshToken'],
};

/** The binding of another secret of the plugin's (see `sealFor`): the same text wherever it is sealed or re-keyed. */
export const purposeBinding = (purpose: readonly string[]) => JSON.stringify(['key', ...purpose]);

export type SealedColumns = Partial<Record<SecretField, string | null>>;

/**
 * A value sealed with another key, or for another destination, written by server code (db.query, a copy of
 * a row): storing it would look fine and never log in. The message and details never carry the value.
 */
export const sealedElsewhere = (field: SecretField) =>
  new errors.ValidationError(
    `The ${field} is an encrypted value (v…:…) that does not open here: it was sealed with another encryption key, or for another server. ` +
      'Enter the secret itself, or re-encrypt the stored secrets with smtp-accounts-rekey and the old key.',
    { code: 'PASSWORD_SEALED_WITH_OTHER_KEY', field }
  );

/**
 * The plugin's key and the one rule for its use: a secret is sealed for a destination and opens only for
 * it (see binding.ts). Built on the plugin's `encryptionKey`, else Strapi's `admin.secrets.encryptionKey`.
 */
export const createKeyring = (keyText: () => string | undefined) => {
  let box: SecretBox | undefined;
  const getBox = () => (box ??= createSecretBox(keyText()));

  const opens = (field: SecretField, sealed: string, destination: Destination) => {
    try {
      getBox().decrypt(sealed, bindingOf(field, destination));
      return true;
    } catch {
      return false;
    }
  };

  return {
    /** Throws SecretKeyMissingError at start-up rather than at the first save. */
    assertKey: () => void getBox(),

    seal: (field: SecretField, plain: string, destination: Destination) =>
      getBox().encrypt(plain, bindingOf(field, destination)),

    /** A short-lived value of the plugin's own (a PKCE verifier), bound to what it is for. */
    sealNote: (purpose: string, plain: string) =>
      getBox().encrypt(plain, JSON.stringify(['note', purpose])),
    openNote: (purpose: string, sealed: string) =>
      getBox().decrypt(sealed, JSON.stringify(['note', purpose])),

    /**
     * Another secret of the plugin's, bound to what it is for (a DKIM private key: its domain and selector):
     * sealed for `purpose`, it opens only for the same purpose.
     */
    sealFor: (purpose: readonly string[], plain: string) =>
      getBox().encrypt(plain, purposeBinding(purpose)),
    openFor: (purpose: readonly string[], sealed: string) =>
      getBox().decrypt(sealed, purposeBinding(purpose)),

    /**
     * An HMAC-SHA256 of `data` under a key derived from the encryption key for `purpose` (unsubscribe links):
     * unguessable without the key, the same in every process of the app. base64url, `bytes` long.
     */
    mac: (purpose: string, data: string, bytes = 16) =>
      createHmac(
        'sha256',
        createHash('sha256')
          .update(`smtp-accounts:${purpose}:`)
          .update(keyText() ?? '')
          .digest()
      )
        .update(data)
        .digest()
        .subarray(0, bytes)
        .toString('base64url'),

    /** The plain secret, for this destination only: SecretDecryptError for another key, destination or a tampered value. */
    open: (field: SecretField, sealed: string, destination: Destination) =>
      getBox().decrypt(sealed, bindingOf(field, destination)),

    opens,

    /**
     * What to store for a secret written for `destination` (the row as it will be after the write): plain text
     * is sealed for it; a value already sealed for it with this key (a clone, a copied row) is kept, never
     * sealed twice; any other sealed value is refused. Synchronous and cheap: lifecycles call it in the transaction.
     */
    sealOnce(field: SecretField, value: string, destination: Destination): string {
      if (!isSealed(value)) return getBox().encrypt(value, bindingOf(field, destination));
      if (opens(field, value, destination)) return value;
      throw sealedElsewhere(field);
    },

    /** A `v1` value (before bindings) bound to the destination its row names now; null when this key cannot open it. */
    bindLegacy(field: SecretField, sealed: string, destination: Destination): string | null {
      if (!isLegacySealed(sealed)) return null;
      try {
        return getBox().encrypt(getBox().openLegacy(sealed), bindingOf(field, destination));
      } catch (error) {
        if (error instanceof SecretDecryptError) return null;
        throw error;
      }
    },

    /**
     * The account's secrets as a whole: `none` when it needs none stored, `unreadable` when one it needs was
     * sealed with another key or for another destination (it cannot send until re-entered or reconnected), else `ok`.
     */
    state(row: Destination & SealedColumns): PasswordState {
      const needed =
        row.authType === 'oauth2' ? NEEDED.oauth2 : row.authType === 'none' ? [] : NEEDED.password;
      const stored = needed.filter((field) => Boolean(row[field]));
      if (stored.length === 0) return 'none';
      return stored.every((field) => opens(field, row[field] as string, row)) ? 'ok' : 'unreadable';
    },
  };
};

export type Keyring = ReturnType<typeof createKeyring>;
