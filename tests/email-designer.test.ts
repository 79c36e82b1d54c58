/**
 * A real client that cannot pass the newsletter flag (issue 19): strapi-plugin-email-designer-5 validates
 * every send option as an address, so `newsletter: true` is refused before our provider sees it; its headers
 * pass, and `List-Id` / `Precedence: bulk` make the mail a newsletter for the rule (the newsletter-first
 * account sends it, with one-click unsubscribe), while its ordinary mail keeps the ordinary account.
 */
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const PASSWORD = 'designer-pa55';
let app: TestApp;
let admin: AdminClient;
let smtp: TestSmtpServer;

const designer = () =>
  app.strapi.plugin('email-designer-5').service('email') as {
    sendTemplatedEmail(
      options: Record<string, unknown>,
      template: { templateReferenceId: number; subject?: string },
      data?: Record<string, unknown>
    ): Promise<unknown>;
  };
const received = (subject: string) => smtp.received.find((m) => m.subject === subject);

beforeAll(async () => {
  smtp = await startSmtpServer({
    users: { bulk: PASSWORD, plain: PASSWORD, 'stock-provider': 'stock-provider' },
  });
  app = await startStrapi({
    STOCK_SMTP_PORT: String(smtp.port),
    PLAYGROUND_EMAIL_DESIGNER: 'true',
  });
  app.strapi.config.set('plugin::smtp-accounts.unsubscribe.baseUrl', app.url);
  admin = await registerSuperAdmin(app.url);
  await admin.put('/smtp-accounts/settings', { data: { enabled: true } });
  const base = {
    name: 'Shop',
    email: 'shop@designer.test',
    host: '127.0.0.1',
    port: smtp.port,
    security: 'none',
    authType: 'plain',
    password: PASSWORD,
  };
  // the rule: the newsletter account first (lower id, "search first for newsletters"), the ordinary one after it
  expect(
    (
      await admin.post('/smtp-accounts/accounts', {
        data: { ...base, username: 'bulk', preferForNewsletters: true },
      })
    ).status
  ).toBe(201);
  expect(
    (await admin.post('/smtp-accounts/accounts', { data: { ...base, username: 'plain' } })).status
  ).toBe(201);
  await app.strapi.db.query('plugin::email-designer-5.email-designer-template').create({
    data: {
      templateReferenceId: 1,
      name: 'Weekly',
      subject: 'Weekly for {{name}}',
      bodyHtml: '<p>Hello {{name}}</p>',
      bodyText: 'Hello {{name}}',
    },
  });
});

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

it('is a real plugin of this app, and refuses the newsletter flag itself', async () => {
  expect(await app.strapi.db.query(SMTP_ACCOUNT_UID).count()).toBe(2);
  await expect(
    designer().sendTemplatedEmail(
      { to: 'reader@designer.test', from: 'Shop <shop@designer.test>', newsletter: true },
      { templateReferenceId: 1 },
      { name: 'Ann' }
    )
  ).rejects.toThrow(/Invalid email address/);
});

it('its ordinary mail goes through the ordinary account; with List-Id or Precedence: bulk, through the newsletter one, with one-click unsubscribe', async () => {
  const send = (subject: string, headers?: Record<string, string>) =>
    designer().sendTemplatedEmail(
      {
        to: 'reader@designer.test',
        from: 'Shop <shop@designer.test>',
        ...(headers ? { headers } : {}),
      },
      { templateReferenceId: 1, subject },
      { name: 'Ann' }
    );
  await send('designer plain');
  await send('designer list-id', { 'List-Id': 'Weekly <weekly.designer.test>' });
  await send('designer precedence', { Precedence: 'bulk' });
  expect(received('designer plain')?.user).toBe('plain');
  expect(received('designer plain')?.raw).not.toMatch(/^List-Unsubscribe/im);
  for (const subject of ['designer list-id', 'designer precedence']) {
    const mail = received(subject)!;
    const raw = mail.raw.replace(/\r\n[ \t]+/g, ' ');
    expect([subject, mail.user]).toEqual([subject, 'bulk']);
    expect(raw).toMatch(
      /^List-Unsubscribe: <http:\/\/127\.0\.0\.1:\d+\/api\/smtp-accounts\/unsubscribe\//m
    );
    expect(raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
  }
  await app.strapi.plugin('smtp-accounts').service('sendLog').flush();
  const log = (await admin.get('/smtp-accounts/log?from=shop%40designer.test')).body.data;
  expect(log.filter((e: { newsletter: boolean }) => e.newsletter)).toHaveLength(2);
});
