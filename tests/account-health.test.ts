/**
 * Account health from the send log: last success, last failure (stage), counts over 24 h and a status,
 * in a fixed number of queries; the home-page widget's stats; both behind RBAC. Real Strapi, real SMTP.
 */
import { AdminClient, createEditorAdmin, registerSuperAdmin } from './helpers/admin-client';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const PASSWORD = 'health-Secret-Pa55';
let app: TestApp;
let admin: AdminClient;
let good: TestSmtpServer;
let bad: TestSmtpServer;
const ids: Record<string, number> = {};

const create = async (key: string, email: string, server: TestSmtpServer) => {
  const res = await admin.post('/smtp-accounts/accounts', {
    data: {
      name: key,
      email,
      host: '127.0.0.1',
      port: server.port,
      security: 'none',
      authType: 'plain',
      username: 'health',
      password: PASSWORD,
    },
  });
  expect(res.status).toBe(201);
  ids[key] = res.body.data.id;
};
const send = (from: string) =>
  app.strapi
    .plugin('email')
    .service('email')
    .send({ from, to: 'reader@example.test', subject: 'health', text: 'x' });

beforeAll(async () => {
  good = await startSmtpServer({ users: { health: PASSWORD } });
  bad = await startSmtpServer({ users: { health: PASSWORD } });
  app = await startStrapi();
  admin = await registerSuperAdmin(app.url);
  await admin.put('/smtp-accounts/settings', { data: { enabled: true, fallback: 'reject' } });
  await create('working', 'shop@example.test', good);
  await create('broken', 'alerts@example.test', bad);
  await create('unused', 'quiet@example.test', good);
  // same address as "working", newer, so tried first: its failures are failovers to "working"
  await create('shadow', 'shop@example.test', bad);
  await bad.close();

  await send('shop@example.test');
  await send('shop@example.test');
  await expect(send('alerts@example.test')).rejects.toThrow();
});

afterAll(async () => {
  await app?.stop();
  await good?.close();
});

describe('GET /smtp-accounts/accounts/health', () => {
  it('answers each account: ok, failing (also through failover), unused; counts over 24 h', async () => {
    const res = await admin.get('/smtp-accounts/accounts/health');
    expect(res.status).toBe(200);
    const by = Object.fromEntries(
      res.body.data.map((h: { accountId: number }) => [h.accountId, h])
    );
    expect(res.body.meta.windowHours).toBe(24);
    expect(by[ids.working]).toMatchObject({ status: 'ok', sent: 2, failed: 0, lastFailure: null });
    expect(Date.parse(by[ids.working].lastSuccessAt)).toBeGreaterThan(Date.now() - 60000);
    expect(by[ids.broken]).toMatchObject({
      status: 'failing',
      sent: 0,
      failed: 1,
      lastSuccessAt: null,
      lastFailure: { stage: 'connect' },
    });
    expect(by[ids.shadow]).toMatchObject({
      status: 'failing',
      sent: 0,
      failed: 2,
      lastFailure: { stage: 'connect' },
    });
    expect(by[ids.unused]).toMatchObject({
      status: 'unused',
      sent: 0,
      failed: 0,
      lastSuccessAt: null,
      lastFailure: null,
    });
  });

  it('uses a fixed number of queries, whatever the number of mails', async () => {
    const count = async () => {
      // mails still queued for the batch insert would add that insert to the count
      await app.strapi.plugin('smtp-accounts').service('sendLog').flush();
      let queries = 0;
      // only the health report's tables: the queue's housekeeping and the domain check run in the background
      const onQuery = (query: { sql?: string }) => {
        if (/smtp_accounts_send_log|smtp_accounts(?![\w])/.test(query.sql ?? '')) queries += 1;
      };
      app.strapi.db.connection.on('query', onQuery);
      await app.strapi.plugin('smtp-accounts').service('accountHealth').list();
      app.strapi.db.connection.off('query', onQuery);
      return queries;
    };
    const before = await count();
    for (let i = 0; i < 5; i++) await send('shop@example.test');
    expect(await count()).toBe(before);
    expect(before).toBeLessThanOrEqual(6);
  });

  it('a success after a failure makes the account ok again', async () => {
    const res = await admin.get('/smtp-accounts/accounts/health');
    const working = res.body.data.find((h: { accountId: number }) => h.accountId === ids.working);
    expect(working).toMatchObject({ status: 'ok', sent: 7 });
  });
});

describe('GET /smtp-accounts/stats (the home-page widget)', () => {
  it('counts mails per status over 24 h and names the failing accounts', async () => {
    const res = await admin.get('/smtp-accounts/stats');
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({
      enabled: true,
      windowHours: 24,
      counts: { sent: 7, failed: 1, fallback: 0 },
    });
    const failing = res.body.data.failingAccounts.map((a: { id: number }) => a.id).sort();
    expect(failing).toEqual([ids.broken, ids.shadow].sort());
    expect(res.body.data.failingAccounts[0]).toEqual(
      expect.objectContaining({ email: expect.any(String), stage: 'connect' })
    );
  });

  it('module state, health and stats are behind RBAC', async () => {
    expect((await admin.get('/smtp-accounts/module')).body).toEqual({ data: { enabled: true } });
    const editor = await createEditorAdmin(app.strapi, app.url);
    for (const path of [
      '/smtp-accounts/accounts/health',
      '/smtp-accounts/stats',
      '/smtp-accounts/module',
    ]) {
      expect((await editor.get(path)).status).toBe(403);
    }
  });
});
