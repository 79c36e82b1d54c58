/**
 * Routing: with the module on, every mail Strapi sends is delivered through the account its From
 * picks. The SMTP server records which username authenticated: that tells which account sent it
 * ("stock-provider" is the provider configured in config/plugins).
 */
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

let app: TestApp;
let admin: AdminClient;
let smtp: TestSmtpServer;
const ids: Record<string, number> = {};

// one SMTP user per account: the user that authenticated names the account that sent
const USERS = Object.fromEntries(
  [
    'news-old',
    'news-new',
    'plain-1',
    'plain-2',
    'other-name',
    'flag-addr',
    'support',
    'noname',
    'inactive',
  ].map((u) => [u, `pw-${u}-Secret1`])
);
USERS['stock-provider'] = 'stock-provider'; // playground/config/plugins.js

const createAccount = async (
  key: string,
  name: string,
  email: string,
  extra: Record<string, unknown> = {}
) => {
  const res = await admin.post('/smtp-accounts/accounts', {
    data: {
      name,
      email,
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      authType: 'login',
      username: key,
      password: USERS[key],
      ...extra,
    },
  });
  expect(res.status).toBe(201);
  ids[key] = res.body.data.id;
};

/**
 * RFC 2047 decoding of a received header, written out here rather than taken from the library the
 * plugin parses with, so that a decoding bug there cannot hide itself. UTF-8, B and Q; the space
 * between two adjacent encoded words is not part of the text.
 */
const decodeEncodedWords = (header: string) =>
  header
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?utf-8\?([bq])\?([^?]*)\?=/gi, (_word, encoding: string, text: string) =>
      encoding.toLowerCase() === 'b'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9a-f]{2})/gi, (_h, hex: string) =>
                String.fromCharCode(parseInt(hex, 16))
              ),
            'latin1'
          ).toString('utf8')
    );

const email = () => app.strapi.plugin('email').service('email');
const lastMail = () => smtp.received[smtp.received.length - 1];
const sendAndCatch = async (send: () => Promise<unknown>) => {
  const before = smtp.received.length;
  await send();
  expect(smtp.received.length).toBe(before + 1);
  return lastMail();
};

beforeAll(async () => {
  smtp = await startSmtpServer({ users: USERS });
  app = await startStrapi({ STOCK_SMTP_PORT: String(smtp.port), SMTP_ACCOUNTS_ENABLED: 'true' });
  admin = await registerSuperAdmin(app.url);
  // created in this order, so ids grow: newsletter accounts first, ordinary ones after
  await createAccount('news-old', 'Рассылка 34web', 'letter@34web.ru', {
    preferForNewsletters: true,
  });
  await createAccount('news-new', 'Рассылка 34web', 'letter@34web.ru', {
    preferForNewsletters: true,
  });
  await createAccount('flag-addr', 'Promo', 'letter@34web.ru', { preferForNewsletters: true });
  await createAccount('plain-1', 'Рассылка 34web', 'letter@34web.ru');
  await createAccount('plain-2', 'Рассылка 34web', 'letter@34web.ru');
  await createAccount('other-name', 'Other', 'letter@34web.ru');
  await createAccount('support', 'Support team', 'support@playground.test');
  await createAccount('noname', '', 'no-reply@playground.test');
  await createAccount('inactive', 'Ghost', 'ghost@playground.test');
  expect(
    (await admin.put(`/smtp-accounts/accounts/${ids.inactive}`, { data: { active: false } })).status
  ).toBe(200);
});

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe("every branch of the rule, through Strapi's email service", () => {
  const cases: [string, string, boolean, string, string][] = [
    // label, From, newsletter, expected account (SMTP user), expected From header
    [
      'same name+address: highest id',
      'Рассылка 34web <letter@34web.ru>',
      false,
      'plain-2',
      'Рассылка 34web',
    ],
    [
      'newsletter: flagged name+address, highest id',
      'Рассылка 34web <letter@34web.ru>',
      true,
      'news-new',
      'Рассылка 34web',
    ],
    [
      'newsletter: name mismatch → flagged by address',
      'Someone <letter@34web.ru>',
      true,
      'flag-addr',
      'Someone',
    ],
    [
      'name mismatch → address, highest id',
      'Someone <letter@34web.ru>',
      false,
      'other-name',
      'Someone',
    ],
    ['other exact name', 'Other <letter@34web.ru>', false, 'other-name', 'Other'],
    [
      'address case does not matter',
      'Support team <SUPPORT@Playground.TEST>',
      false,
      'support',
      'Support team',
    ],
    [
      'newsletter with no flagged account → ordinary steps',
      'Support team <support@playground.test>',
      true,
      'support',
      'Support team',
    ],
    [
      'a From without a name gets the account name',
      'support@playground.test',
      false,
      'support',
      'Support team',
    ],
    [
      'encoded-word name',
      '=?UTF-8?B?0KDQsNGB0YHRi9C70LrQsCAzNHdlYg==?= <letter@34web.ru>',
      false,
      'plain-2',
      'Рассылка 34web',
    ],
    [
      'Q-encoded name',
      '=?UTF-8?Q?=D0=A0=D0=B0=D1=81=D1=81=D1=8B=D0=BB=D0=BA=D0=B0_34web?= <letter@34web.ru>',
      false,
      'plain-2',
      'Рассылка 34web',
    ],
    [
      'quoted Russian name',
      '"Рассылка 34web" <letter@34web.ru>',
      false,
      'plain-2',
      'Рассылка 34web',
    ],
    [
      'newsletter, encoded Russian name',
      '=?UTF-8?B?0KDQsNGB0YHRi9C70LrQsCAzNHdlYg==?= <letter@34web.ru>',
      true,
      'news-new',
      'Рассылка 34web',
    ],
    [
      'Russian name in another case is another sender → address',
      'рассылка 34web <letter@34web.ru>',
      false,
      'other-name',
      'рассылка 34web',
    ],
    [
      'inactive account never used → fallback provider',
      'Ghost <ghost@playground.test>',
      false,
      'stock-provider',
      'Ghost',
    ],
    [
      'no account → fallback provider',
      'Nobody <nobody@playground.test>',
      false,
      'stock-provider',
      'Nobody',
    ],
  ];

  it.each(cases)('%s', async (_label, from, newsletter, user, name) => {
    const mail = await sendAndCatch(() =>
      email().send({
        from,
        to: 'reader@example.test',
        subject: `routing ${_label}`,
        text: 'hello',
        ...(newsletter ? { newsletter: true } : {}),
      })
    );
    expect(mail.user).toBe(user);
    // the message keeps the address as given (nodemailer lower-cases only the domain)
    expect(mail.from.toLowerCase()).toContain(
      `<${(from.includes('<') ? from.slice(from.indexOf('<') + 1, -1) : from).toLowerCase()}>`
    );
    // the header is 7-bit (a non-ASCII name goes out as RFC 2047 encoded words) and decodes to the name exactly
    expect(mail.from).toMatch(/^[\x20-\x7e]*$/);
    const shown = decodeEncodedWords(mail.from);
    expect(shown.startsWith(`${name} <`) || shown.startsWith(`"${name}" <`)).toBe(true);
    // the flag never reaches the message
    expect(mail.raw).not.toMatch(/^newsletter:/im);
  });

  it('the preview answers the same as a real send, by rule', async () => {
    const ask = async (from: string, newsletter = false) =>
      (await admin.post('/smtp-accounts/resolve', { from, newsletter })).body.data;
    expect(await ask('Рассылка 34web <letter@34web.ru>')).toEqual({
      account: { id: ids['plain-2'], name: 'Рассылка 34web', email: 'letter@34web.ru' },
      rule: 'name-address',
    });
    expect((await ask('Рассылка 34web <letter@34web.ru>', true)).rule).toBe(
      'newsletter-name-address'
    );
    expect(await ask('=?UTF-8?B?0KDQsNGB0YHRi9C70LrQsCAzNHdlYg==?= <letter@34web.ru>')).toEqual({
      account: { id: ids['plain-2'], name: 'Рассылка 34web', email: 'letter@34web.ru' },
      rule: 'name-address',
    });
    expect(await ask('рассылка 34web <letter@34web.ru>')).toMatchObject({
      account: { id: ids['other-name'] },
      rule: 'address',
    });
    expect(await ask('Someone <letter@34web.ru>', true)).toMatchObject({
      account: { id: ids['flag-addr'] },
      rule: 'newsletter-address',
    });
    expect(await ask('Someone <letter@34web.ru>')).toMatchObject({
      account: { id: ids['other-name'] },
      rule: 'address',
    });
    expect(await ask('nobody@playground.test')).toEqual({ account: null, rule: 'fallback' });
    expect((await admin.post('/smtp-accounts/resolve', { from: 42 })).status).toBe(400);
  });

  it('sendTemplatedEmail is routed too', async () => {
    const mail = await sendAndCatch(() =>
      email().sendTemplatedEmail(
        { from: 'Support team <support@playground.test>', to: 'reader@example.test' },
        { subject: 'Hi <%= name %>', text: 'Hello <%= name %>', html: '<p>Hello</p>' },
        { name: 'Ann' }
      )
    );
    expect(mail.user).toBe('support');
    expect(mail.subject).toBe('Hi Ann');
  });

  it("the plugin's mailer service takes the newsletter flag for campaign modules", async () => {
    const mail = await sendAndCatch(() =>
      app.strapi.plugin('smtp-accounts').service('mailer').send(
        {
          from: 'Рассылка 34web <letter@34web.ru>',
          to: 'reader@example.test',
          subject: 'campaign',
          text: 'x',
        },
        { newsletter: true }
      )
    );
    expect(mail.user).toBe('news-new');
  });
});

describe("Strapi's own mails", () => {
  it('an admin mail with no From goes out as defaultFrom, through its account', async () => {
    const before = smtp.received.length;
    const res = await fetch(`${app.url}/admin/forgot-password`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'super@admin.test' }),
    });
    expect(res.status).toBe(204);
    // the admin answers before it sends: wait for the mail (at most 5 s)
    for (let i = 0; i < 100 && smtp.received.length === before; i++)
      await new Promise((r) => setTimeout(r, 50));
    expect(smtp.received.length).toBe(before + 1);
    const mail = lastMail();
    expect(mail.rcptTo).toEqual(['super@admin.test']);
    expect(mail.user).toBe('noname'); // defaultFrom "Playground <no-reply@playground.test>"
    expect(mail.from).toBe('Playground <no-reply@playground.test>'); // the message's own name is kept
    expect(mail.raw).toMatch(/Reply-To: support@playground.test/);
  });

  it('the Settings → Email test mail is routed by defaultFrom', async () => {
    const mail = await sendAndCatch(async () => {
      const res = await admin.post('/email/test', { to: 'tester@example.test' });
      expect(res.status).toBe(200);
    });
    expect(mail.user).toBe('noname');
  });

  it('users-permissions forgot-password is routed by its template "Shipper name/email"', async () => {
    const up = app.strapi.store({ type: 'plugin', name: 'users-permissions' });
    const templates = (await up.get({ key: 'email' })) as {
      reset_password: { options: { from: { name: string; email: string } } };
    };
    templates.reset_password.options.from = {
      name: 'Support team',
      email: 'support@playground.test',
    };
    await up.set({ key: 'email', value: templates });
    const advanced = (await up.get({ key: 'advanced' })) as Record<string, unknown>;
    await up.set({
      key: 'advanced',
      value: { ...advanced, email_reset_password: 'http://127.0.0.1/reset' },
    });
    const role = await app.strapi.db
      .query('plugin::users-permissions.role')
      .findOne({ where: { type: 'authenticated' } });
    await app.strapi.plugin('users-permissions').service('user').add({
      username: 'reader',
      email: 'reader@example.test',
      password: 'Reader-pw-1',
      provider: 'local',
      confirmed: true,
      role: role.id,
    });

    const mail = await sendAndCatch(async () => {
      const res = await fetch(`${app.url}/api/auth/forgot-password`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'reader@example.test' }),
      });
      expect(res.status).toBe(200);
    });
    expect(mail.user).toBe('support');
    expect(mail.from).toBe('Support team <support@playground.test>');
  });
});

describe('module switch and fallback', () => {
  afterEach(async () => {
    await admin.put('/smtp-accounts/settings', { data: { enabled: true, fallback: 'provider' } });
  });

  it('module off: the stock provider sends everything, untouched; back on without a restart', async () => {
    await admin.put('/smtp-accounts/settings', { data: { enabled: false } });
    let mail = await sendAndCatch(() =>
      email().send({
        from: 'Support team <support@playground.test>',
        to: 'r@example.test',
        subject: 'off',
        text: 'x',
      })
    );
    expect(mail.user).toBe('stock-provider');
    await admin.put('/smtp-accounts/settings', { data: { enabled: true } });
    mail = await sendAndCatch(() =>
      email().send({
        from: 'Support team <support@playground.test>',
        to: 'r@example.test',
        subject: 'on',
        text: 'x',
      })
    );
    expect(mail.user).toBe('support');
  });

  it('fallback "reject": a From with no account fails, the sender learns only the log entry, the log and server log say why', async () => {
    await admin.put('/smtp-accounts/settings', { data: { fallback: 'reject' } });
    const before = smtp.received.length;
    const error = await email()
      .send({
        from: 'Nobody <nobody@playground.test>',
        to: 'r@example.test',
        subject: 'nobody',
        text: 'x',
      })
      .catch((e: Error & { details?: { logId?: number } }) => e);
    expect(error.message).toMatch(/^The mail could not be sent \(send-log entry #\d+\)\.$/);
    expect(smtp.received.length).toBe(before);
    const entry = (await admin.get(`/smtp-accounts/log?from=nobody%40playground.test`)).body
      .data[0];
    expect(entry).toMatchObject({
      id: error.details!.logId,
      status: 'failed',
      errorCode: 'ENOACCOUNT',
      rule: 'reject',
    });
    expect(
      app.logs.some((line) =>
        line.includes(`send-log entry #${entry.id}): no active SMTP account matches the From`)
      )
    ).toBe(true);
    expect(
      (await admin.post('/smtp-accounts/resolve', { from: 'nobody@playground.test' })).body.data
    ).toEqual({ account: null, rule: 'reject' });
  });

  it('changes to accounts take effect on the next mail (index refreshed, transport rebuilt)', async () => {
    const from = 'Support team <support@playground.test>';
    expect(
      (
        await sendAndCatch(() =>
          email().send({ from, to: 'r@example.test', subject: 'a', text: 'x' })
        )
      ).user
    ).toBe('support');
    await admin.put(`/smtp-accounts/accounts/${ids.support}`, { data: { active: false } });
    expect(
      (
        await sendAndCatch(() =>
          email().send({ from, to: 'r@example.test', subject: 'b', text: 'x' })
        )
      ).user
    ).toBe('stock-provider');
    await admin.put(`/smtp-accounts/accounts/${ids.support}`, { data: { active: true } });
    expect(
      (
        await sendAndCatch(() =>
          email().send({ from, to: 'r@example.test', subject: 'c', text: 'x' })
        )
      ).user
    ).toBe('support');
  });

  it("the email plugin's optional provider methods answer without secrets", async () => {
    const provider = app.strapi.plugin('email').provider as {
      isIdle(): boolean;
      getCapabilities(): unknown;
      verify(): Promise<unknown>;
    };
    expect(typeof provider.isIdle()).toBe('boolean');
    const capabilities = JSON.stringify(provider.getCapabilities());
    expect(capabilities).toContain('smtp-accounts');
    for (const password of Object.values(USERS).filter((p) => p !== 'stock-provider'))
      expect(capabilities).not.toContain(password);
    await expect(provider.verify()).resolves.toBeTruthy();
  });
});

describe('secrets', () => {
  it('never appear in any log line of this app', () => {
    const all = app.logs.join('\n');
    for (const password of Object.values(USERS).filter((p) => p !== 'stock-provider'))
      expect(all).not.toContain(password);
  });
});
