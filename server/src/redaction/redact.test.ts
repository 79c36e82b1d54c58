import { redact, REDACTED, secretForms } from './redact';

const pass = 'S3cret-pa55word';
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('redact', () => {
  const forms = secretForms({ user: 'mailbox', pass });

  it.each([
    ['plain', `535 bad password ${pass}`],
    ['AUTH LOGIN (base64 of the password)', `535 5.7.8 ${b64(pass)} rejected`],
    ['AUTH PLAIN (\\0user\\0pass)', `535 got ${b64(`\u0000mailbox\u0000${pass}`)}`],
    ['AUTH PLAIN with authzid', `535 got ${b64(`mailbox\u0000mailbox\u0000${pass}`)}`],
    ['base64 without padding', `535 got ${b64(`\u0000mailbox\u0000${pass}`).replace(/=+$/, '')}`],
    ['URL-encoded', `error ${encodeURIComponent(pass)}`],
  ])('cuts the %s form', (_label, text) => {
    const out = redact(text, forms);
    expect(out).toContain(REDACTED);
    expect(out).not.toContain(pass);
    for (const form of forms) expect(out).not.toContain(form);
  });

  it('leaves text without a secret alone, and does nothing without a password', () => {
    expect(redact('250 OK queued', forms)).toBe('250 OK queued');
    expect(secretForms({ user: 'x', pass: '' })).toEqual([]);
    expect(secretForms({ user: 'x', pass: null })).toEqual([]);
  });

  it('cuts a short password, a lower-cased echo and the form-encoded form too', () => {
    expect(redact('535 got "Q7" from you', secretForms({ user: 'u', pass: 'Q7' }))).not.toContain(
      'Q7'
    );
    expect(redact(`535 ${pass.toLowerCase()}`, forms)).not.toContain(pass.toLowerCase());
    const spaced = secretForms({ user: 'u', pass: 'Secret Pw+1' });
    expect(redact('body: p=Secret+Pw%2B1', spaced)).not.toMatch(/Secret\+Pw/);
  });
});
