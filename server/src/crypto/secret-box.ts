import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Secrets at rest: AES-256-GCM in a versioned text format `v2:<iv>:<ciphertext>:<tag>` (base64url
 * parts). A `v2` value is **bound**: the text it was sealed with (its binding: where the secret may
 * be sent, see accounts/binding) is GCM's additional authenticated data, so it opens only with the
 * same key *and* the same binding. Code that asks to open a password for another server gets an
 * error, not the password. `v1` values (before bindings) are opened only by the migration that
 * binds them (`openLegacy`). The key text is hashed with SHA-256 into the 32-byte AES key, as
 * Strapi's admin encryption service does.
 */
const VERSION = 'v2';
const LEGACY_VERSION = 'v1';
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
    super(
      `smtp-accounts: a stored SMTP secret cannot be decrypted (${reason}). Was the encryption key changed, or the account ` +
        'pointed elsewhere? Re-enter the secret, or run the re-encrypt command with the old key.'
    );
    this.name = 'SecretDecryptError';
  }
}

export interface SecretBox {
  /** Seals `plain` for `binding`: it opens only with this key and this binding. */
  encrypt(plain: string, binding: string): string;
  /** Opens a `v2` value sealed for `binding`; any other key, binding, format or a tampered value throws SecretDecryptError. */
  decrypt(sealed: string, binding: string): string;
  /** Opens a `v1` value (sealed before bindings existed); for the migration that binds it, nothing else. */
  openLegacy(sealed: string): string;
}

const parts = (sealed: unknown) => (typeof sealed === 'string' ? sealed.split(':') : []);

/** Builds the box for one key text; throws at once when there is no key rather than storing plain text. */
export const createSecretBox = (keyText: string | undefined | null): SecretBox => {
  if (typeof keyText !== 'string' || keyText.length === 0) throw new SecretKeyMissingError();
  const key = createHash('sha256').update(keyText).digest();

  const open = (sealed: string, version: string, binding: string | null) => {
    const [found, iv, body, tag] = parts(sealed);
    if (parts(sealed).length !== 4)
      throw new SecretDecryptError(`not in the ${version}:iv:ciphertext:tag format`);
    if (found !== version)
      throw new SecretDecryptError(
        `format version "${String(found).slice(0, 8)}" where ${version} was expected`
      );
    try {
      const decipher = createDecipheriv(ALGORITHM, key, Buffer.from(iv, 'base64url'));
      if (binding !== null) decipher.setAAD(Buffer.from(binding, 'utf8'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ]).toString('utf8');
    } catch {
      throw new SecretDecryptError(
        'authentication tag mismatch: another key, another destination, or a tampered value'
      );
    }
  };

  return {
    encrypt(plain, binding) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv(ALGORITHM, key, iv);
      cipher.setAAD(Buffer.from(binding, 'utf8'));
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [
        VERSION,
        iv.toString('base64url'),
        body.toString('base64url'),
        tag.toString('base64url'),
      ].join(':');
    },
    decrypt: (sealed, binding) => open(sealed, VERSION, binding),
    openLegacy: (sealed) => open(sealed, LEGACY_VERSION, null),
  };
};

/**
 * True for text in a sealed format (`v1:` or `v2:`, a 12-byte IV of 16 base64url chars, the
 * ciphertext, a 16-byte tag of 22 chars). Exact lengths, so that a password that merely contains
 * colons is not mistaken for a sealed value.
 */
export const isSealed = (value: unknown): value is string =>
  typeof value === 'string' && /^v[12]:[\w-]{16}:[\w-]*:[\w-]{22}$/.test(value);

/** A value sealed before bindings existed: the migration binds it at start-up. */
export const isLegacySealed = (value: unknown): value is string =>
  isSealed(value) && value.startsWith(`${LEGACY_VERSION}:`);
