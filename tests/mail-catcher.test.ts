/**
 * The playground's mail catcher (playground/scripts/mail-catcher.js), run as `npm run develop` runs it:
 * each mail links to where the admin explains it — an account's to that account, the stock provider's
 * to the send log filtered on fallback.
 */
import nodemailer from 'nodemailer';
import { startMailCatcher, type MailCatcher } from './helpers/mail-catcher';

const ADMIN = 'http://admin.playground.test:4321';
let catcher: MailCatcher;

beforeAll(async () => {
  catcher = await startMailCatcher({ PUBLIC_URL: ADMIN });
});

afterAll(async () => {
  await catcher?.stop();
});

const deliverAs = async (user: string, subject: string) => {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: catcher.smtpPort,
    secure: false,
    ignoreTLS: true,
    auth: { user, pass: 'any' },
  });
  await transport.sendMail({
    from: 'Nobody <nobody@playground.test>',
    to: 'reader@playground.test',
    subject,
    text: 'hello',
  });
  transport.close();
};

/** Every link of the page, as [href, title, text] (the page writes `<a href="…" title="…">…</a>`). */
const links = async () =>
  [
    ...(await (await fetch(catcher.url)).text()).matchAll(
      /<a href="([^"]*)"(?: title="([^"]*)")?>([^<]*)<\/a>/g
    ),
  ].map(([, href, title, text]) => ({ href: href.replace(/&amp;/g, '&'), title, text }));

it("links the stock provider's mail to the send log filtered on fallback, and says what is not logged", async () => {
  const subject = `stock ${Date.now()}`;
  await deliverAs('stock-provider', subject);
  expect((await catcher.waitFor((m) => m.subject === subject)).authenticatedAs).toBe(
    'stock-provider'
  );
  const link = (await links()).find((l) => l.text === 'stock-provider');
  expect(link?.href).toBe(`${ADMIN}/admin/plugins/smtp-accounts/log?status=fallback`);
  expect(link?.title).toMatch(/fallback/);
  expect(link?.title).toMatch(/while the module is off is not logged/);
});

it("links an account's mail to that account, searched by its SMTP username", async () => {
  const subject = `shop ${Date.now()}`;
  await deliverAs('shop', subject);
  await catcher.waitFor((m) => m.subject === subject);
  const link = (await links()).find((l) => l.text === 'shop');
  expect(link?.href).toBe(`${ADMIN}/admin/plugins/smtp-accounts?_q=shop`);
});
