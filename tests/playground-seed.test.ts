/**
 * `npm run develop`'s first run: with PLAYGROUND_SEED=1 the playground creates three accounts on the mail
 * catcher (through the document service, so each is verified against it) and sends the users-permissions
 * mails From Support. Real Strapi, the real catcher.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import { PLAYGROUND, startStrapi, type TestApp } from './helpers/strapi';

let app: TestApp;
let catcher: ChildProcess;

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });

beforeAll(async () => {
  const [smtpPort, httpPort] = [await freePort(), await freePort()];
  catcher = spawn(process.execPath, [path.join(PLAYGROUND, 'scripts', 'mail-catcher.js')], {
    env: {
      ...process.env,
      MAIL_CATCHER_SMTP_PORT: String(smtpPort),
      MAIL_CATCHER_HTTP_PORT: String(httpPort),
    },
    stdio: 'ignore',
  });
  for (let i = 0; i < 50; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(smtpPort, '127.0.0.1');
      socket.once('connect', () => resolve(Boolean(socket.end())));
      socket.once('error', () => resolve(false));
    });
    if (up) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  app = await startStrapi({ PLAYGROUND_SEED: '1', MAIL_CATCHER_SMTP_PORT: String(smtpPort) });
});

afterAll(async () => {
  await app?.stop();
  catcher?.kill();
  // startStrapi writes into process.env: later files in this worker must boot an empty playground
  delete process.env.PLAYGROUND_SEED;
  delete process.env.MAIL_CATCHER_SMTP_PORT;
});

it('seeds three verified accounts on the catcher and the users-permissions From', async () => {
  const accounts = await app.strapi.db.query(SMTP_ACCOUNT_UID).findMany({ orderBy: { id: 'asc' } });
  expect(accounts.map((a: { email: string }) => a.email)).toEqual([
    'shop@playground.test',
    'news@playground.test',
    'support@playground.test',
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

it('queues a demo campaign through the Newsletter account, 12 a minute', async () => {
  const queue = app.strapi.plugin('smtp-accounts').service('queue');
  const [batch] = (await queue.list({})).data;
  expect(batch).toMatchObject({ campaign: 'Playground welcome campaign', newsletter: true });
  await queue.whenEnqueued(batch.id);
  const status = await queue.status(batch.id);
  expect(status.counts.total).toBe(30);
  expect(status.counts.sent).toBeLessThanOrEqual(12);
});
