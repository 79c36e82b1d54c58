import { createCipheriv, createHash, randomBytes } from 'node:crypto';
import {
  createSecretBox,
  isLegacySealed,
  isSealed,
  SecretDecryptError,
  SecretKeyMissingError,
} from './secret-box';

/** A value in the v1 format (before bindings), as an older version of the plugin stored it. */
const legacySeal = (keyText: string, plain: string) => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', createHash('sha256').update(keyText).digest(), iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [
    'v1',
    iv.toString('base64url'),
    body.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
  ].join(':');
};

describe('secret box', () => {
  const box = createSecretBox('a key text of any length');
  const HERE = '["password","smtp.example.com",587]';

  it('round-trips Unicode and empty strings', () => {
    for (const plain of ['hunter2', '', 'пароль с пробелами ✓', 'x'.repeat(1024)]) {
      const sealed = box.encrypt(plain, HERE);
      expect(isSealed(sealed)).toBe(true);
      expect(sealed.startsWith('v2:')).toBe(true);
      expect(sealed).not.toContain(plain || '\u0000');
      expect(box.decrypt(sealed, HERE)).toBe(plain);
    }
  });

  it('uses a fresh IV every time', () => {
    expect(box.encrypt('same', HERE)).not.toBe(box.encrypt('same', HERE));
  });

  it('refuses to work without a key instead of storing plain text', () => {
    expect(() => createSecretBox('')).toThrow(SecretKeyMissingError);
    expect(() => createSecretBox(undefined)).toThrow(/encryption key/);
  });

  it('a value opens only for the binding it was sealed for', () => {
    const sealed = box.encrypt('secret-pw', HERE);
    for (const elsewhere of [
      '["password","evil.example",587]',
      '["password","smtp.example.com",25]',
      '',
      HERE.toUpperCase(),
    ]) {
      expect(() => box.decrypt(sealed, elsewhere)).toThrow(SecretDecryptError);
    }
  });

  it('rejects a value sealed with another key', () => {
    const other = createSecretBox('another key').encrypt('secret-pw', HERE);
    expect(() => box.decrypt(other, HERE)).toThrow(SecretDecryptError);
  });

  it('rejects a tampered ciphertext, tag or format, without echoing the value', () => {
    const [v, iv, body, tag] = box.encrypt('secret-pw', HERE).split(':');
    const flipped = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const bad of [
      [v, iv, flipped(body), tag].join(':'),
      [v, iv, body, flipped(tag)].join(':'),
      ['v1', iv, body, tag].join(':'),
      ['v3', iv, body, tag].join(':'),
      'plain-text-password',
    ]) {
      let message = '';
      try {
        box.decrypt(bad, HERE);
      } catch (error) {
        expect(error).toBeInstanceOf(SecretDecryptError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/cannot be decrypted/);
      expect(message).not.toContain('plain-text-password');
    }
  });

  it('a v1 value never opens as a bound one; only the migration reads it', () => {
    const legacy = legacySeal('a key text of any length', 'old-pw');
    expect(isSealed(legacy)).toBe(true);
    expect(isLegacySealed(legacy)).toBe(true);
    expect(() => box.decrypt(legacy, HERE)).toThrow(SecretDecryptError);
    expect(box.openLegacy(legacy)).toBe('old-pw');
    expect(() => createSecretBox('another key').openLegacy(legacy)).toThrow(SecretDecryptError);
    expect(() => box.openLegacy(box.encrypt('x', HERE))).toThrow(SecretDecryptError);
  });

  it('tells a sealed value from a password that only looks like one', () => {
    expect(isSealed(box.encrypt('', HERE))).toBe(true);
    for (const plain of [
      'v1:a:b:c',
      'v2:not:a:sealed:value',
      'user:pass:word:x',
      `v2:${'A'.repeat(16)}:body`,
    ])
      expect(isSealed(plain)).toBe(false);
  });
});
