/**
 * Nobody has to read the log to learn that an account stopped working: a failing account, its
 * recovery and mail that went to the fallback raise Strapi webhook events (a real receiver records
 * them) and an alert mail to the chosen recipients, sent through the stock provider — once per
 * change, not per mail. The scheduled re-check finds a broken account without any mail being sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import { refusedPort, startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const PASSWORD = 'Alert-Secret-pa55';
let app: TestApp;
let admin: AdminClient;
let smtp: TestSmtpServer;
let stock: TestSmtpServer;
let hooks: {
  server: http.Server;
  url: string;
  received: { event: string; body: Record<string, unknown>; raw: string }[];
};

const email = () => app.strapi.plugin('email').service('email');
const watch = () => app.strapi.plugin('smtp-accounts').service('accountWatch');
const events = (name: string, accountId?: number) =>
  hooks.received.filter(
    (h) =>
      h.event === name &&
      (accountId === undefined || (h.body.account as { id?: number } | undefined)?.id === accountId)
  );
const alerts = (subject: RegExp) =>
  stock.received.filter((m) => m.rcptTo.includes('ops@example.test') && subject.test(m.subject));
const waitFor = async (check: () => boolean, ms = 5000) => {
  for (let waited = 0; waited < ms && !check(); waited += 50)
    await new Promise((resolve) => setTimeout(resolve, 50));
};
// a new destination takes the password again (it is sealed for its server)
const pointAt = (id: number, port: number) =>
  app.strapi.db
    .query(SMTP_ACCOUNT_UID)
    .update({ where: { id }, data: { port, password: PASSWORD } });

beforeAll(async () => {
  smtp = await startSmtpServer({ users: { watched: PASSWORD } });
  stock = await startSmtpServer({ users: { 'stock-provider': 'stock-provider' } });
  const received: typeof hooks.received = [];
  const server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => {
      const body = JSON.parse(raw) as Record<string, unknown>;
      received.push({ event: String(body.event), body, raw });
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hooks = {
    server,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received,
  };
  app = await startStrapi({ STOCK_SMTP_PORT: String(stock.port) });
  admin = await registerSuperAdmin(app.url);
  const settings = await admin.put('/smtp-accounts/settings', {
    data: { enabled: true, fallback: 'provider', alertRecipients: 'ops@example.test' },
  });
  expect(settings.status).toBe(200);
  const hook = await admin.post('/admin/webhooks', {
    name: 'smtp alerts',
    url: hooks.url,
    headers: {},
    events: [
      'smtp-account.failing',
      'smtp-account.recovered',
      'smtp-account.reauth-required',
      'smtp-account.fallback',
    ],
  });
  expect(hook.status).toBe(201);
});

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
  await stock?.close();
  await new Promise((resolve) => hooks?.server.close(resolve));
});

describe('alerts', () => {
  it('a failing account: one webhook event and one alert mail per change, a recovery note, a fallback event; no secret in any', async () => {
    const created = await admin.post('/smtp-accounts/accounts', {
      data: {
        name: 'Watched',
        email: 'watched@example.test',
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        authType: 'plain',
        username: 'watched',
        password: PASSWORD,
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.data.id as number;
    const from = 'Watched <watched@example.test>';
    await email().send({ from, to: 'r@example.test', subject: 'works', text: 'x' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hooks.received).toEqual([]); // the first success of a new account is no news

    await pointAt(id, await refusedPort());
    for (const subject of ['broken 1', 'broken 2', 'broken 3'])
      await email().send({ from, to: 'r@example.test', subject, text: 'x' });
    expect(stock.received.filter((m) => /^broken/.test(m.subject))).toHaveLength(3); // the fallback took them
    await waitFor(
      () => events('smtp-account.failing', id).length > 0 && alerts(/is failing/).length > 0
    );
    expect(events('smtp-account.failing', id)).toHaveLength(1);
    expect(events('smtp-account.failing', id)[0].body).toMatchObject({
      account: { id, email: 'watched@example.test' },
      stage: 'connect',
    });
    expect(alerts(/watched@example.test is failing \(connect\)/)).toHaveLength(1);
    await waitFor(() => events('smtp-account.fallback').length > 0);
    expect(events('smtp-account.fallback')).toHaveLength(1); // one a minute per From, not one per mail
    expect(
      (await admin.get('/smtp-accounts/accounts/health')).body.data.find(
        (h: { accountId: number }) => h.accountId === id
      ).status
    ).toBe('failing');

    await pointAt(id, smtp.port);
    await email().send({ from, to: 'r@example.test', subject: 'repaired', text: 'x' });
    await waitFor(
      () => events('smtp-account.recovered', id).length > 0 && alerts(/works again/).length > 0
    );
    expect(events('smtp-account.recovered', id)).toHaveLength(1);
    expect(alerts(/watched@example.test works again/)).toHaveLength(1);
    expect(events('smtp-account.failing', id)).toHaveLength(1);

    for (const text of [...hooks.received.map((h) => h.raw), ...stock.received.map((m) => m.raw)])
      expect(text).not.toContain(PASSWORD);
  });

  it('the scheduled re-check finds a broken account without any mail, and records when it checked', async () => {
    const created = await admin.post('/smtp-accounts/accounts', {
      data: {
        name: 'Quiet',
        email: 'quiet@example.test',
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        authType: 'plain',
        username: 'watched',
        password: PASSWORD,
      },
    });
    const id = created.body.data.id as number;
    await watch().recheckAll(); // works: nothing to say
    expect(events('smtp-account.failing', id)).toEqual([]);
    await pointAt(id, await refusedPort());
    await watch().recheckAll();
    await waitFor(() => events('smtp-account.failing', id).length > 0);
    expect(events('smtp-account.failing', id)).toHaveLength(1);
    await watch().recheckAll(); // still broken: no second alert
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(events('smtp-account.failing', id)).toHaveLength(1);
    const row = await app.strapi.db.query(SMTP_ACCOUNT_UID).findOne({ where: { id } });
    expect(row.lastCheckAt).toBeTruthy();
    expect(row.healthState).toBe('failing');
  });

  it('settings: the interval is 0 (off) or 1–1440 minutes, recipients are email addresses', async () => {
    expect(
      (await admin.put('/smtp-accounts/settings', { data: { recheckIntervalMinutes: 5000 } })).body
        .error.details.code
    ).toBe('OUT_OF_RANGE');
    expect(
      (
        await admin.put('/smtp-accounts/settings', {
          data: { alertRecipients: 'ops@example.test, not an address' },
        })
      ).body.error.details.code
    ).toBe('INVALID_EMAIL');
    expect(
      (
        await admin.put('/smtp-accounts/settings', {
          data: { recheckIntervalMinutes: 15, alertRecipients: 'a@example.test, b@example.test' },
        })
      ).status
    ).toBe(200);
  });
});
