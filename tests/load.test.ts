/**
 * Load (bounded): 10,000 sends across 20 accounts at concurrency 50. Every mail is received exactly
 * once, through the account its From picks; every send is logged; memory stays flat.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { SEND_LOG_UID } from '../shared/constants';
import { registerSuperAdmin } from './helpers/admin-client';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const ACCOUNTS = 20;
const SENDS = Number(process.env.LOAD_SENDS ?? 10000);
const CONCURRENCY = 50;
let app: TestApp;
let smtp: TestSmtpServer;

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

beforeAll(async () => {
  const users = Object.fromEntries(
    Array.from({ length: ACCOUNTS }, (_, i) => [`load-${i}`, `load-${i}-Secret`])
  );
  smtp = await startSmtpServer({ users, light: true });
  app = await startStrapi();
  const admin = await registerSuperAdmin(app.url);
  await admin.put('/smtp-accounts/settings', { data: { enabled: true, fallback: 'reject' } });
  for (let i = 0; i < ACCOUNTS; i++) {
    const res = await admin.post('/smtp-accounts/accounts', {
      data: {
        name: `Load ${i}`,
        email: `load-${i}@example.test`,
        host: '127.0.0.1',
        port: smtp.port,
        security: 'none',
        authType: 'plain',
        username: `load-${i}`,
        password: `load-${i}-Secret`,
      },
    });
    expect(res.status).toBe(201);
  }
}, 120000);

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

it(`delivers ${SENDS} mails exactly once each, through the right account, with flat memory`, async () => {
  const email = app.strapi.plugin('email').service('email');
  const heap: number[] = [];
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < SENDS) {
      const n = next++;
      await email.send({
        from: `Load ${n % ACCOUNTS} <load-${n % ACCOUNTS}@example.test>`,
        to: `reader-${n}@example.test`,
        subject: `load ${n}`,
        text: `message ${n}`,
      });
      if ((n + 1) % 2000 === 0) {
        heap.push(heapMb());
        console.log(`load: ${n + 1}/${SENDS} sent, heap ${heap[heap.length - 1].toFixed(1)} MB`);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (Date.now() - started) / 1000;

  expect(smtp.received).toHaveLength(SENDS);
  const seen = new Set<string>();
  for (const mail of smtp.received) {
    const n = Number(mail.subject.replace('load ', ''));
    expect(seen.has(mail.subject)).toBe(false);
    seen.add(mail.subject);
    expect(mail.user).toBe(`load-${n % ACCOUNTS}`);
    expect(mail.rcptTo).toEqual([`reader-${n}@example.test`]);
  }

  await app.strapi.plugin('smtp-accounts').service('sendLog').flush();
  expect(await app.strapi.db.query(SEND_LOG_UID).count({ where: { status: 'sent' } })).toBe(SENDS);

  const growth = heap[heap.length - 1] - heap[0];
  console.log(
    `load: ${SENDS} mails via ${ACCOUNTS} accounts at concurrency ${CONCURRENCY} in ${seconds.toFixed(1)} s (${Math.round(SENDS / seconds)} msgs/s); heap ${heap.map((h) => h.toFixed(1)).join(' → ')} MB`
  );
  // the SMTP server in this same process keeps 10,000 header blocks (~5 MB): allow for those, no more
  expect(growth).toBeLessThan(20);
}, 600000);
