import { createSecretBox, isSealed, SecretDecryptError, SecretKeyMissingError } from './secret-box';

describe('secret box', () => {
  const box = createSecretBox('a key text of any length');

  it('round-trips Unicode and empty strings', () => {
    for (const plain of ['hunter2', '', 'пароль с пробелами ✓', 'x'.repeat(1024)]) {
      const sealed = box.encrypt(plain);
      expect(isSealed(sealed)).toBe(true);
      expect(sealed).not.toContain(plain || '\u0000');
      expect(box.decrypt(sealed)).toBe(plain);
    }
  });

  it('uses a fresh IV every time', () => {
    expect(box.encrypt('same')).not.toBe(box.encrypt('same'));
  });

  it('refuses to work without a key instead of storing plain text', () => {
    expect(() => createSecretBox('')).toThrow(SecretKeyMissingError);
    expect(() => createSecretBox(undefined)).toThrow(/encryption key/);
  });

  it('rejects a value sealed with another key', () => {
    const other = createSecretBox('another key').encrypt('secret-pw');
    expect(() => box.decrypt(other)).toThrow(SecretDecryptError);
  });

  it('rejects a tampered ciphertext, tag or format, without echoing the value', () => {
    const [v, iv, body, tag] = box.encrypt('secret-pw').split(':');
    const flipped = (s: string) => (s[0] === 'A' ? 'B' : 'A') + s.slice(1);
    for (const bad of [
      [v, iv, flipped(body), tag].join(':'),
      [v, iv, body, flipped(tag)].join(':'),
      ['v2', iv, body, tag].join(':'),
      'plain-text-password',
    ]) {
      let message = '';
      try {
        box.decrypt(bad);
      } catch (error) {
        expect(error).toBeInstanceOf(SecretDecryptError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/cannot be decrypted/);
      expect(message).not.toContain('plain-text-password');
    }
  });

  it('tells a sealed value from a password that only looks like one', () => {
    expect(isSealed(box.encrypt(''))).toBe(true);
    for (const plain of ['v1:a:b:c', 'v1:not:a:sealed:value', 'user:pass:word:x', `v1:${'A'.repeat(16)}:body`]) expect(isSealed(plain)).toBe(false);
  });
});
