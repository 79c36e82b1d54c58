/**
 * The boundaries of the design, checked on the source (issue 17):
 * - only server/src/accounts/ names the account table or its uid (the content type's own folder aside):
 *   every other file asks the accounts module;
 * - a stored secret is opened only in accounts/connection.ts (SMTP) and accounts/oauth-tokens.ts (the
 *   token endpoint), and a DKIM key in deliverability/domains.ts (to sign its domain's mail) — nowhere else;
 * - outside accounts/, code imports the module's public surface (accounts/index.ts), not its parts.
 * dependency-cruiser (.dependency-cruiser.js, run by `npm run lint`) checks the same import rule and that
 * server/src has no import cycles.
 */
import fs from 'node:fs';
import path from 'node:path';

const SERVER = path.resolve(__dirname, '..', 'server', 'src');
const files = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
const relative = (file: string) => path.relative(SERVER, file).split(path.sep).join('/');
const source = files(SERVER).map((file) => ({
  file: relative(file),
  text: fs.readFileSync(file, 'utf8'),
}));

it('only accounts/ names the account table or its uid', () => {
  const names =
    /\bsmtp_accounts\b(?!_)|plugin::smtp-accounts\.smtp-account\b|SMTP_ACCOUNT_UID|['"]smtp-account['"]/;
  const offenders = source
    .filter(
      ({ file }) =>
        !file.startsWith('accounts/') &&
        !file.startsWith('content-types/smtp-account/') &&
        file !== 'content-types/index.ts'
    )
    .filter(({ text }) => names.test(text))
    .map(({ file }) => file);
  expect(offenders).toEqual([]);
});

it('only the connection module and the token client of accounts/ open a stored secret', () => {
  const opens = /\bkeyring\.open\(|\.decrypt\(|openLegacy\(/;
  const allowed = [
    // the DKIM private key: opened only to sign its own domain's mail, and re-keyed there
    'deliverability/domains.ts',
    'accounts/connection.ts',
    'accounts/oauth-tokens.ts',
    'accounts/keyring.ts',
    'accounts/store.ts',
    'crypto/secret-box.ts',
  ];
  const offenders = source
    .filter(({ file, text }) => opens.test(text) && !allowed.includes(file))
    .map(({ file }) => file);
  expect(offenders).toEqual([]);
  // the store opens secrets only to re-encrypt them (rekey) or bind old ones (migration), never to use them
  const store = source.find(({ file }) => file === 'accounts/store.ts')!.text;
  expect(store.match(/\.decrypt\(|openLegacy\(/g)?.length).toBe(3);
  expect(store).not.toMatch(/keyring\.open\(/);
});

it('outside accounts/, code imports accounts/index.ts only', () => {
  const deep = /from '(?:\.\.\/)+accounts\/[\w-]+'/;
  const offenders = source
    .filter(({ file, text }) => !file.startsWith('accounts/') && deep.test(text))
    .map(({ file }) => file);
  expect(offenders).toEqual([]);
});
