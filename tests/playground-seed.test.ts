/**
 * `npm run develop`'s first run: with PLAYGROUND_SEED=1 the playground creates four accounts on the mail
 * catcher (through the document service, so each is verified against it), sends the users-permissions
 * mails From Support and creates a users-permissions user. Real Strapi, the real catcher — also as the
 * stock provider's server, as in `npm run develop`: a mail no account takes shows up as `stock-provider`.
 */
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import { registerSuperAdmin } from './helpers/admin-client';
import { startMailCatcher, type MailCatcher } from './helpers/mail-catcher';
import { startStrapi, type TestApp } from './helpers/strapi';

let app: TestApp;
let catcher: MailCatcher;

const postJson = (path: string, body: unknown) =>
  fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
/** The mail's source with quoted-printable undone (soft line breaks, =XX), enough to read a link. */
const quotedPrintable = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

beforeAll(async () => {
  catcher = await startMailCatcher();
  app = await startStrapi({
    PLAYGROUND_SEED: '1',
    MAIL_CATCHER_SMTP_PORT: String(catcher.smtpPort),
    STOCK_SMTP_PORT: String(catcher.smtpPort),
  });
});

afterAll(async () => {
  await app?.stop();
  await catcher?.stop();
  // startStrapi writes into process.env: later files in this worker must boot an empty playground
  delete process.env.PLAYGROUND_SEED;
  delete process.env.MAIL_CATCHER_SMTP_PORT;
  delete process.env.STOCK_SMTP_PORT;
});

it('seeds four verified accounts on the catcher and the users-permissions From', async () => {
  const accounts = await app.strapi.db.query(SMTP_ACCOUNT_UID).findMany({ orderBy: { id: 'asc' } });
  expect(accounts.map((a: { email: string }) => a.email)).toEqual([
    'shop@playground.test',
    'news@playground.test',
    'support@playground.test',
    'no-reply@playground.test',
  ]);
  expect(
    accounts.every(
      (a: { host: string; security: string }) => a.host === '127.0.0.1' && a.security === 'none'
    )
  ).toBe(true);
  const templates = (await app.strapi
    .store({ type: 'plugin', name: 'users-permissions', key: 'email' })
    .get()) as Record<string, { options: { from: { email: string } } }>;
  expect(Object.values(templates).map((t) => t.options.from.email)).toEqual(
    Object.values(templates).map(() => 'support@playground.test')
  );
});

it("Settings → Email plugin → Settings → Send test email goes through the account of the email plugin's defaultFrom", async () => {
  const admin = await registerSuperAdmin(app.url, 'first@playground.test');
  const to = `test-mail-${Date.now()}@playground.test`;
  // Strapi's test mail carries no From: the plugin applies the email plugin's settings.defaultFrom
  const res = await admin.post('/email/test', { to });
  expect(res.status).toBe(200);
  const mail = await catcher.waitFor((m) => m.envelopeTo.includes(to));
  expect(mail.authenticatedAs).toBe('no-reply');
  expect(mail.from).toBe('Playground <no-reply@playground.test>');
});

it('a password reset of the seeded user is sent by the Support account, with a link that resets it', async () => {
  const user = await app.strapi.db
    .query('plugin::users-permissions.user')
    .findOne({ where: { email: 'reader@playground.test' }, populate: ['role'] });
  expect(user).toMatchObject({ confirmed: true, blocked: false, provider: 'local' });
  expect(user.role.type).toBe('authenticated');

  const res = await postJson('/api/auth/forgot-password', { email: 'reader@playground.test' });
  expect(res.status).toBe(200);
  const mail = await catcher.waitFor((m) => m.envelopeTo.includes('reader@playground.test'));
  expect(mail.authenticatedAs).toBe('support');
  expect(mail.from).toBe('Support <support@playground.test>');
  expect(mail.subject).toBe('Reset password');

  // the link leads to the playground's reset page, with the token users-permissions stored
  const { resetPasswordToken } = await app.strapi.db
    .query('plugin::users-permissions.user')
    .findOne({ where: { email: 'reader@playground.test' } });
  const link = quotedPrintable(mail.raw).match(/(http:\/\/[^\s<"]+)\?code=([0-9a-f]+)/);
  expect(link?.[2]).toBe(resetPasswordToken);
  const page = await fetch(`${app.url}${new URL(link![1]).pathname}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<script src="/reset-password.js">');

  // what that page sends, then a login with the new password
  const newPassword = `reader-${Date.now()}`;
  const reset = await postJson('/api/auth/reset-password', {
    code: link![2],
    password: newPassword,
    passwordConfirmation: newPassword,
  });
  expect(reset.status).toBe(200);
  const login = await postJson('/api/auth/local', {
    identifier: 'reader@playground.test',
    password: newPassword,
  });
  expect(login.status).toBe(200);
});

it('queues a demo campaign through the Newsletter account, 12 a minute', async () => {
  const queue = app.strapi.plugin('smtp-accounts').service('queue');
  const [batch] = (await queue.list({})).data;
  expect(batch).toMatchObject({ campaign: 'Playground welcome campaign', newsletter: true });
  await queue.whenEnqueued(batch.id);
  const status = await queue.status(batch.id);
  expect(status.counts.total).toBe(30);
  expect(status.counts.sent).toBeLessThanOrEqual(12);
});
