/**
 * Newsletters the big mailbox providers accept (issue 19), against a real local DNS server (dns2) and a
 * real DKIM/SPF/DMARC verifier (mailauth, by nodemailer's author): DKIM per sending domain with the
 * unsubscribe headers signed; the domain check with records present, missing, wrong and unreachable;
 * RFC 8058 one-click unsubscribe (a POST as a mailbox provider sends it, a GET that changes nothing, forged
 * tokens refused); the suppression list (newsletters skipped, by the direct path and the queue, transactional
 * mail untouched); hard bounces (550 suppresses, 451 does not); the newsletter signal from a mail's headers.
 */
import { Resolver } from 'node:dns/promises';
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import { startDnsServer, type TestDnsServer } from './helpers/dns-server';
import { createAdminWithActions } from './helpers/roles';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';
import { PERMISSIONS } from '../shared/constants';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { authenticate } = require('mailauth') as {
  authenticate(
    message: string | Buffer,
    options: {
      ip: string;
      helo: string;
      sender: string;
      mta: string;
      resolver: (name: string, rr: string) => Promise<unknown>;
    }
  ): Promise<{
    dkim: {
      results: {
        status: { result: string };
        signingDomain: string;
        selector?: string;
        signingHeaders?: { keys?: string };
      }[];
    };
    spf: { status: { result: string } };
    dmarc: { status: { result: string } };
  }>;
};

const PASSWORD = 'Deliver-pa55';
const DOMAIN = 'deliver.test';
let app: TestApp;
let admin: AdminClient;
let smtp: TestSmtpServer;
let dns: TestDnsServer;
let seq = 0;
const events: { event: string; payload: unknown }[] = [];

const email = () => app.strapi.plugin('email').service('email');
const mailer = () => app.strapi.plugin('smtp-accounts').service('mailer');
const sendLog = () => app.strapi.plugin('smtp-accounts').service('sendLog');
const received = (subject: string) => smtp.received.find((m) => m.subject === subject);
const account = (overrides: Record<string, unknown> = {}) => ({
  name: 'News',
  email: `news@${DOMAIN}`,
  host: '127.0.0.1',
  port: smtp.port,
  security: 'none',
  authType: 'plain',
  username: 'news',
  password: PASSWORD,
  ...overrides,
});
const verify = (raw: string, sender: string) => {
  const resolver = new Resolver();
  resolver.setServers([dns.address]);
  return authenticate(raw, {
    ip: '127.0.0.1',
    helo: 'localhost',
    sender,
    mta: 'mx.receiver.test',
    resolver: (name, rr) => resolver.resolve(name, rr as 'TXT'),
  });
};
const unsubscribeUrl = (raw: string) =>
  /List-Unsubscribe: <([^>]+)>/i.exec(raw.replace(/\r\n[ \t]+/g, ' '))?.[1] ?? '';

beforeAll(async () => {
  smtp = await startSmtpServer({
    users: { news: PASSWORD, other: PASSWORD, 'stock-provider': 'stock-provider' },
    rejectRecipients: ['gone@reader.test'],
  });
  dns = await startDnsServer({
    [DOMAIN]: { txt: ['v=spf1 ip4:127.0.0.1 -all'] },
    [`_dmarc.${DOMAIN}`]: { txt: ['v=DMARC1; p=reject; adkim=r; aspf=r'] },
  });
  app = await startStrapi({
    STOCK_SMTP_PORT: String(smtp.port),
    SMTP_ACCOUNTS_DNS_SERVERS: dns.address,
  });
  app.strapi.config.set('plugin::smtp-accounts.unsubscribe.baseUrl', app.url);
  app.strapi.eventHub.on('smtp-suppression.added', async (payload: unknown) => {
    events.push({ event: 'smtp-suppression.added', payload });
  });
  admin = await registerSuperAdmin(app.url);
  expect(
    (await admin.put('/smtp-accounts/settings', { data: { enabled: true, fallback: 'provider' } }))
      .status
  ).toBe(200);
  expect((await admin.post('/smtp-accounts/accounts', { data: account() })).status).toBe(201);
});

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
  await dns?.close();
});

describe('DKIM per sending domain', () => {
  it('a key pair made in the panel: the exact TXT record; the private key never answered', async () => {
    const created = await admin.post('/smtp-accounts/domains', {
      data: { domain: DOMAIN.toUpperCase(), selector: 's2026' },
    });
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({
      domain: DOMAIN,
      selector: 's2026',
      algorithm: 'rsa-2048',
      active: true,
      dnsName: `s2026._domainkey.${DOMAIN}`,
    });
    expect(created.body.data.dnsRecord).toMatch(/^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]{360,}$/);
    expect(created.text).not.toMatch(/PRIVATE KEY|v2:[\w-]{16}:/);
    const row = await app.strapi.db
      .query('plugin::smtp-accounts.sending-domain')
      .findOne({ where: { domain: DOMAIN } });
    expect(row.privateKey).toMatch(/^v2:/);
    expect(
      (await admin.post('/smtp-accounts/domains', { data: { domain: DOMAIN, selector: 'x' } })).body
        .error.details.code
    ).toBe('DOMAIN_EXISTS');
    expect(
      (
        await admin.post('/smtp-accounts/domains', {
          data: { domain: 'not a domain', selector: 'x' },
        })
      ).body.error.details
    ).toMatchObject({ code: 'INVALID_HOST', field: 'domain' });
    dns.set(created.body.data.dnsName, { txt: [created.body.data.dnsRecord] });
  });

  it('a newsletter passes DKIM, SPF and DMARC at a real verifier; List-Unsubscribe and -Post are inside the signature', async () => {
    await mailer().send(
      {
        from: `News <news@${DOMAIN}>`,
        to: 'reader@reader.test',
        subject: 'signed letter',
        html: '<p>Hello</p>',
      },
      { newsletter: true }
    );
    const mail = received('signed letter')!;
    expect(mail.raw).toMatch(/^DKIM-Signature: /m);
    expect(mail.raw).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/m);
    expect(unsubscribeUrl(mail.raw)).toMatch(
      new RegExp(`^${app.url}/api/smtp-accounts/unsubscribe/[\\w-]+\\.[\\w-]+$`)
    );
    const result = await verify(mail.raw, mail.mailFrom);
    expect(result.dkim.results[0]).toMatchObject({
      status: { result: 'pass' },
      signingDomain: DOMAIN,
    });
    expect(result.spf.status.result).toBe('pass');
    expect(result.dmarc.status.result).toBe('pass');
    const signed = /;\s*h=([^;]+)/
      .exec(mail.raw.replace(/\r\n[ \t]+/g, ''))![1]
      .toLowerCase()
      .split(':');
    expect(signed).toEqual(
      expect.arrayContaining(['from', 'subject', 'list-unsubscribe', 'list-unsubscribe-post'])
    );
  });

  it('a transactional mail is signed too, and gets no unsubscribe headers', async () => {
    await email().send({
      from: `News <news@${DOMAIN}>`,
      to: 'reader@reader.test',
      subject: 'your password',
      text: 'reset it',
    });
    const mail = received('your password')!;
    expect(mail.raw).not.toMatch(/^List-Unsubscribe/im);
    expect((await verify(mail.raw, mail.mailFrom)).dkim.results[0].status.result).toBe('pass');
  });
});

describe('domain check', () => {
  const check = async () => {
    const id = (
      await app.strapi.db.query(SMTP_ACCOUNT_UID).findOne({ where: { email: `news@${DOMAIN}` } })
    ).id;
    const res = await admin.post(`/smtp-accounts/accounts/${id}/domain-check`);
    expect(res.status).toBe(200);
    return { res, id };
  };

  it("records present: ok (SPF pass for the account's server, DKIM key published, DMARC policy shown, aligned); kept on the account", async () => {
    const { res, id } = await check();
    expect(res.body.data).toMatchObject({
      domain: DOMAIN,
      status: 'ok',
      spf: { result: 'pass', ip: '127.0.0.1', record: 'v=spf1 ip4:127.0.0.1 -all' },
      dkim: { result: 'pass', selector: 's2026' },
      dmarc: { result: 'present', policy: 'reject' },
      alignment: { dkim: true, spf: true },
    });
    expect((await admin.get(`/smtp-accounts/accounts/${id}`)).body.data.domainCheck).toMatchObject({
      status: 'ok',
    });
  });

  it('missing, wrong and unreachable DNS each say so', async () => {
    const dkimName = `s2026._domainkey.${DOMAIN}`;
    const saved = {
      dkim: dns.zone.get(dkimName)!,
      dmarc: dns.zone.get(`_dmarc.${DOMAIN}`)!,
      spf: dns.zone.get(DOMAIN)!,
    };
    try {
      dns.set(dkimName, {
        txt: ['v=DKIM1; k=rsa; p=MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwrong'],
      });
      dns.zone.delete(`_dmarc.${DOMAIN}`);
      dns.set(DOMAIN, { txt: ['v=spf1 ip4:192.0.2.1 -all'] });
      expect((await check()).res.body.data).toMatchObject({
        status: 'failing',
        spf: { result: 'fail' },
        dkim: { result: 'mismatch' },
        dmarc: { result: 'missing', policy: null },
      });
      dns.zone.delete(dkimName);
      dns.zone.delete(DOMAIN);
      expect((await check()).res.body.data).toMatchObject({
        spf: { result: 'none', record: null },
        dkim: { result: 'missing' },
      });
    } finally {
      dns.set(dkimName, saved.dkim);
      dns.set(`_dmarc.${DOMAIN}`, saved.dmarc);
      dns.set(DOMAIN, saved.spf);
    }
    app.strapi.config.set('plugin::smtp-accounts.dns.servers', ['127.0.0.1:9']);
    try {
      expect((await check()).res.body.data).toMatchObject({
        status: 'unknown',
        spf: { result: 'temperror' },
        dmarc: { result: 'temperror' },
      });
    } finally {
      app.strapi.config.set('plugin::smtp-accounts.dns.servers', [dns.address]);
    }
  });
});

describe('one-click unsubscribe (RFC 8058) and the suppression list', () => {
  it('a GET only shows a page; the POST a mailbox provider sends suppresses at once; the next newsletter is not sent, a password reset is', async () => {
    const to = `leaver-${++seq}@reader.test`;
    await mailer().send(
      { from: `News <news@${DOMAIN}>`, to, subject: `letter ${seq}`, text: 'x' },
      { newsletter: true }
    );
    const url = unsubscribeUrl(received(`letter ${seq}`)!.raw);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<form method="post">/);
    expect(
      (await admin.get(`/smtp-accounts/suppressions?q=${encodeURIComponent(to)}`)).body.data
    ).toEqual([]);

    const post = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(post.status).toBe(200);
    const list = (await admin.get(`/smtp-accounts/suppressions?q=${encodeURIComponent(to)}`)).body
      .data;
    expect(list).toMatchObject([{ address: to, scope: '*', reason: 'unsubscribe' }]);
    expect(
      events.some(
        (e) => (e.payload as { suppression: { address: string } }).suppression.address === to
      )
    ).toBe(true);
    // twice is the same
    expect(
      (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'List-Unsubscribe=One-Click',
        })
      ).status
    ).toBe(200);

    const info = await mailer().send(
      { from: `News <news@${DOMAIN}>`, to, subject: `letter after ${seq}`, text: 'x' },
      { newsletter: true }
    );
    expect(info).toMatchObject({ suppressed: [to] });
    expect(received(`letter after ${seq}`)).toBeUndefined();
    await sendLog().flush();
    const entry = (await admin.get(`/smtp-accounts/log?status=suppressed&from=news%40${DOMAIN}`))
      .body.data[0];
    expect(entry).toMatchObject({
      status: 'suppressed',
      errorCode: 'SUPPRESSED',
      firstRecipient: to,
    });

    await email().send({ from: `News <news@${DOMAIN}>`, to, subject: `reset ${seq}`, text: 'x' });
    expect(received(`reset ${seq}`)).toBeTruthy();
  });

  it('a forged or altered token is refused and changes nothing; a POST without the one-click body changes nothing', async () => {
    const to = `stay-${++seq}@reader.test`;
    await mailer().send(
      { from: `News <news@${DOMAIN}>`, to, subject: `letter ${seq}`, text: 'x' },
      { newsletter: true }
    );
    const url = unsubscribeUrl(received(`letter ${seq}`)!.raw);
    const [payload, signature] = url.split('/').pop()!.split('.');
    const other = Buffer.from(JSON.stringify(['victim@reader.test', '*'])).toString('base64url');
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    for (const token of [
      `${other}.${signature}`,
      `${payload}.${flipped}`,
      payload,
      'x'.repeat(2000),
    ]) {
      const res = await fetch(`${app.url}/api/smtp-accounts/unsubscribe/${token}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'List-Unsubscribe=One-Click',
      });
      expect(res.status).toBe(404);
    }
    expect(
      (
        await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'x=1',
        })
      ).status
    ).toBe(400);
    expect((await admin.get('/smtp-accounts/suppressions?q=victim')).body.data).toEqual([]);
    expect(
      (await admin.get(`/smtp-accounts/suppressions?q=${encodeURIComponent(to)}`)).body.data
    ).toEqual([]);
  });

  it("a list's link suppresses that list only; a `*` suppression stops every list", async () => {
    const to = `lists-${++seq}@reader.test`;
    await mailer().send(
      { from: `News <news@${DOMAIN}>`, to, subject: `weekly ${seq}`, text: 'x' },
      { newsletter: true, list: 'weekly' }
    );
    const url = unsubscribeUrl(received(`weekly ${seq}`)!.raw);
    await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(
      await mailer().send(
        { from: `News <news@${DOMAIN}>`, to, subject: `weekly again ${seq}`, text: 'x' },
        { newsletter: true, list: 'weekly' }
      )
    ).toMatchObject({ suppressed: [to] });
    await mailer().send(
      { from: `News <news@${DOMAIN}>`, to, subject: `monthly ${seq}`, text: 'x' },
      { newsletter: true, list: 'monthly' }
    );
    expect(received(`monthly ${seq}`)).toBeTruthy();
  });

  it('the look-ups of sends in flight go together: one query, each send answered for its own list (issue 20)', async () => {
    const suppressions = app.strapi.plugin('smtp-accounts').service('suppressions');
    const tag = `group-${++seq}`;
    await suppressions.add({ address: `all-${tag}@reader.test`, reason: 'manual' });
    await suppressions.add({
      address: `weekly-${tag}@reader.test`,
      scope: 'weekly',
      reason: 'manual',
    });
    const table = app.strapi.db.metadata.get('plugin::smtp-accounts.suppression').tableName;
    const lookups: string[] = [];
    const count = (query: { sql?: string }) => {
      if (String(query.sql).includes(table)) lookups.push(String(query.sql));
    };
    app.strapi.db.connection.on('query', count);
    try {
      const asks = Array.from({ length: 40 }, (_, i) => {
        const list = i % 2 ? 'weekly' : 'monthly';
        const addresses = [
          `ALL-${tag}@reader.test`,
          `weekly-${tag}@reader.test`,
          `member${i}-${tag}@reader.test`,
        ];
        return suppressions
          .suppressed(addresses, list)
          .then((found: Set<string>) => ({ list, found: [...found].sort() }));
      });
      const answers = await Promise.all(asks);
      expect(lookups).toHaveLength(1);
      for (const { list, found } of answers)
        expect(found).toEqual(
          list === 'weekly'
            ? [`all-${tag}@reader.test`, `weekly-${tag}@reader.test`]
            : [`all-${tag}@reader.test`]
        );
    } finally {
      app.strapi.db.connection.off('query', count);
    }
  });

  it('the list API: add, search, CSV export and import (bad lines refused alone), remove; RBAC', async () => {
    const added = await admin.post('/smtp-accounts/suppressions', {
      data: { address: 'Manual@Reader.test' },
    });
    expect(added.status).toBe(201);
    expect(added.body.data).toMatchObject({
      address: 'manual@reader.test',
      scope: '*',
      reason: 'manual',
    });
    expect(
      (await admin.post('/smtp-accounts/suppressions', { data: { address: 'not an address' } }))
        .body.error.details
    ).toMatchObject({ code: 'INVALID_EMAIL', field: 'address' });
    const imported = await admin.post('/smtp-accounts/suppressions/import', {
      csv: 'address,scope,reason\r\nimport-1@reader.test,*,complaint\r\n"import-2@reader.test",weekly,\r\nbad line here\r\nmanual@reader.test\r\n',
    });
    expect(imported.body.data).toMatchObject({ added: 2, existing: 1, refused: [{ line: 4 }] });
    expect((await fetch(`${app.url}/smtp-accounts/suppressions/export`)).status).toBe(401);
    const csv = await admin.get('/smtp-accounts/suppressions/export');
    expect(csv.text).toMatch(/^address,scope,reason,detail,createdAt\r\n/);
    expect(csv.text).toMatch(/import-1@reader\.test,\*,complaint,imported,/);
    expect(csv.text).toMatch(/import-2@reader\.test,weekly,manual,imported,/);
    const reader = await createAdminWithActions(app.strapi, app.url, [
      PERMISSIONS.suppressionsRead,
    ]);
    expect((await reader.get('/smtp-accounts/suppressions')).status).toBe(200);
    expect(
      (await reader.post('/smtp-accounts/suppressions', { data: { address: 'x@reader.test' } }))
        .status
    ).toBe(403);
    expect((await reader.del(`/smtp-accounts/suppressions/${added.body.data.id}`)).status).toBe(
      403
    );
    expect((await admin.del(`/smtp-accounts/suppressions/${added.body.data.id}`)).status).toBe(200);
    expect(
      (await admin.del(`/smtp-accounts/suppressions/${added.body.data.id}`)).body.error.details.code
    ).toBe('NOT_FOUND');
  });
});

describe('hard bounces', () => {
  it('a 550 at RCPT TO suppresses the address (reason bounce); a 451 does not; off in the settings, nothing is added', async () => {
    await email().send({
      from: `News <news@${DOMAIN}>`,
      to: ['gone@reader.test', 'here@reader.test'],
      subject: 'partly refused',
      text: 'x',
    });
    for (
      let i = 0;
      i < 50 && (await admin.get('/smtp-accounts/suppressions?q=gone%40')).body.data.length === 0;
      i++
    )
      await new Promise((r) => setTimeout(r, 50));
    expect((await admin.get('/smtp-accounts/suppressions?q=gone%40')).body.data).toMatchObject([
      { address: 'gone@reader.test', reason: 'bounce' },
    ]);
    expect((await admin.get('/smtp-accounts/suppressions?q=here%40')).body.data).toEqual([]);

    const greylist = await startSmtpServer({ users: { other: PASSWORD }, fault: 'rcpt-451' });
    try {
      await app.strapi.db.query(SMTP_ACCOUNT_UID).create({
        data: {
          ...account({ email: `soft@${DOMAIN}`, username: 'other', port: greylist.port }),
          active: true,
        },
      });
      await email()
        .send({
          from: `Soft <soft@${DOMAIN}>`,
          to: 'later@reader.test',
          subject: 'greylisted',
          text: 'x',
        })
        .catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
      expect((await admin.get('/smtp-accounts/suppressions?q=later%40')).body.data).toEqual([]);
    } finally {
      app.strapi.plugin('smtp-accounts').service('accountIndex').close();
      await greylist.close();
    }

    await admin.put('/smtp-accounts/settings', { data: { suppressHardBounces: false } });
    try {
      await app.strapi.db
        .query('plugin::smtp-accounts.suppression')
        .deleteMany({ where: { address: 'gone@reader.test' } });
      await email().send({
        from: `News <news@${DOMAIN}>`,
        to: ['gone@reader.test', 'kept@reader.test'],
        subject: 'off',
        text: 'x',
      });
      await new Promise((r) => setTimeout(r, 300));
      expect((await admin.get('/smtp-accounts/suppressions?q=gone%40')).body.data).toEqual([]);
    } finally {
      await admin.put('/smtp-accounts/settings', { data: { suppressHardBounces: true } });
    }
  });
});

describe('the newsletter signal from the mail itself', () => {
  it('List-Unsubscribe, List-Id, Precedence: bulk or a configured header routes to the newsletter-first account', async () => {
    const address = `both@${DOMAIN}`;
    // the newsletter account first (lower id), the ordinary one after it: ordinary mail takes the higher id
    await app.strapi.db.query(SMTP_ACCOUNT_UID).create({
      data: {
        ...account({ email: address, username: 'news' }),
        preferForNewsletters: true,
        active: true,
      },
    });
    await app.strapi.db
      .query(SMTP_ACCOUNT_UID)
      .create({ data: { ...account({ email: address, username: 'other' }), active: true } });
    const from = `Both <${address}>`;
    await admin.put('/smtp-accounts/settings', { data: { newsletterHeaders: 'X-Campaign-Id' } });
    const cases: [string, Record<string, string>, string][] = [
      ['plain', {}, 'other'],
      ['list-unsubscribe', { 'List-Unsubscribe': '<mailto:leave@client.test>' }, 'news'],
      ['list-id', { 'List-Id': '<weekly.client.test>' }, 'news'],
      ['precedence', { Precedence: 'bulk' }, 'news'],
      ['configured', { 'x-campaign-id': '42' }, 'news'],
    ];
    for (const [label, headers, user] of cases) {
      await email().send({
        from,
        to: 'r@reader.test',
        subject: `signal ${label}`,
        text: 'x',
        headers,
      });
      expect([label, received(`signal ${label}`)?.user]).toEqual([label, user]);
    }
    // a client's own List-Unsubscribe is kept (it runs its own unsubscribe): ours is not added next to it
    expect(received('signal list-unsubscribe')!.raw.match(/^List-Unsubscribe:/gim)).toHaveLength(1);
  });
});

describe('the campaign queue (embedded engine)', () => {
  it('an address suppressed mid-batch is skipped: counted suppressed, logged, never sent; the batch says so', async () => {
    const slow = await startSmtpServer({ users: { news: PASSWORD }, dataDelayMs: 80 });
    try {
      await app.strapi.db.query(SMTP_ACCOUNT_UID).create({
        data: { ...account({ email: `slow@${DOMAIN}`, port: slow.port }), active: true },
      });
      const queue = app.strapi.plugin('smtp-accounts').service('queue');
      const batchId = await queue.enqueue(
        // 60 mails: the last is taken long after the first two arrive (16 in flight, 5 connections, 80 ms a mail), so
        // the suppression is in before its send is checked
        Array.from({ length: 60 }, (_, i) => ({
          from: `Slow <slow@${DOMAIN}>`,
          to: `member${i}@reader.test`,
          subject: `queued ${i}`,
          text: 'x',
        })),
        { newsletter: true, campaign: 'suppressed mid-batch', list: 'members' }
      );
      const started = Date.now();
      while (slow.received.length < 2) {
        if (Date.now() - started > 20000) throw new Error('nothing delivered in 20 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      await app.strapi
        .plugin('smtp-accounts')
        .service('suppressions')
        .add({ address: 'member59@reader.test', reason: 'unsubscribe' });
      while ((await queue.status(batchId)).state !== 'done') {
        if (Date.now() - started > 60000) throw new Error('batch not done in 60 s');
        await new Promise((r) => setTimeout(r, 100));
      }
      expect((await queue.status(batchId)).counts).toMatchObject({
        total: 60,
        sent: 59,
        suppressed: 1,
      });
      expect(slow.received.map((m) => m.subject)).not.toContain('queued 59');
      // each queued newsletter carries its own recipient's link, for the batch's list
      const link = unsubscribeUrl(slow.received[0].raw);
      const token = link.split('/').pop()!;
      expect(JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())).toEqual([
        slow.received[0].rcptTo[0],
        'members',
      ]);
      await sendLog().flush();
      const entries = (await admin.get(`/smtp-accounts/log?batchId=${batchId}&status=suppressed`))
        .body.data;
      expect(entries).toMatchObject([
        { firstRecipient: 'member59@reader.test', errorCode: 'SUPPRESSED' },
      ]);
    } finally {
      // the plugin's pooled connections first: smtp-server waits for open clients when it closes
      app.strapi.plugin('smtp-accounts').service('accountIndex').close();
      await slow.close();
    }
  });
});
