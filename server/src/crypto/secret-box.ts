import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Password encryption at rest: AES-256-GCM in a versioned text format
 * `v1:<iv>:<ciphertext>:<tag>` (base64url parts), so a later format or key scheme can be told apart.
 * The key text is hashed with SHA-256 into the 32-byte AES key, as Strapi's admin encryption service does.
 */
const VERSION = 'v1';
const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

export class SecretKeyMissingError extends Error {
  constructor() {
    super(
      'smtp-accounts: no encryption key. Set the plugin config `encryptionKey` (env SMTP_ACCOUNTS_ENCRYPTION_KEY) ' +
        'or `admin.secrets.encryptionKey` (env ENCRYPTION_KEY) — SMTP passwords are never stored in plain text.'
    );
    this.name = 'SecretKeyMissingError';
  }
}

export class SecretDecryptError extends Error {
  /** Lets the send path treat an unreadable password like a failed login: this account cannot send. */
  readonly code = 'EDECRYPT';

  constructor(reason: string) {
    super(`smtp-accounts: a stored SMTP password cannot be decrypted (${reason}). Was the encryption key changed? Re-enter the password or run the re-encrypt command with the old key.`);
    this.name = 'SecretDecryptError';
  }
}

export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(sealed: string): string;
}

/** Builds the box for one key text; throws at once when there is no key rather than storing plain text. */
export const createSecretBox = (keyText: string | undefined | null): SecretBox => {
  if (typeof keyText !== 'string' || keyText.length === 0) throw new SecretKeyMissingError();
  const key = createHash('sha256').update(keyText).digest();

  return {
    encrypt(plain) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, iv.toString('base64url'), body.toString('base64url'), tag.toString('base64url')].join(':');
    },

    decrypt(sealed) {
      const parts = typeof sealed === 'string' ? sealed.split(':') : [];
      if (parts.length !== 4) throw new SecretDecryptError('not in the v1:iv:ciphertext:tag format');
      const [version, iv, body, tag] = parts;
      if (version !== VERSION) throw new SecretDecryptError(`unknown format version "${version}"`);
      try {
        const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretDecryptError('authentication tag mismatch: wrong key or tampered value');
      }
    },
  };
};

/**
 * True for text in the sealed format: `v1:`, a 12-byte IV (16 base64url chars), the ciphertext and a
 * 16-byte tag (22 chars). Exact lengths, so that a password that merely contains colons is not
 * mistaken for a sealed value.
 */
export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && /^v1:[\w-]{16}:[\w-]*:[\w-]{22}$/.test(value);
