/**
 * A password is sealed exactly once. Writes that carry the stored `v1:…` value — a document-service
 * clone, db.query create/update/createMany of a copied row — keep it as is, so the copy still logs
 * in; a value sealed with another key is refused with PASSWORD_SEALED_WITH_OTHER_KEY, never stored
 * as a password that can never open. Real Strapi, real smtp-server: "sends" means the server saw
 * the login and received the mail.
 */
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import { isSealed } from '../server/src/crypto/secret-box';
import { openSecret, sealSecret } from './helpers/secrets';
import { AdminClient, registerSuperAdmin } from './helpers/admin-client';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const PASSWORD = 'seal-0nce-Secret-pw';
/** The password as another app (another key) sealed it for the same server. */
let FOREIGN: string;

let app: TestApp;
let admin: AdminClient;
let smtp: TestSmtpServer;
let seq = 0;

const rows = () => app.strapi.db.query(SMTP_ACCOUNT_UID);
const unique = (label: string) => `${label}-${++seq}@seal.test`;

/** An account's row as db.query reads it: every column, the sealed password included. */
type StoredRow = Record<string, unknown> & {
  id: number;
  documentId: string;
  email: string;
  password: string;
};

const createAccount = async (email: string) => {
  const res = await admin.post('/smtp-accounts/accounts', {
    data: {
      name: 'Sealed',
      email,
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      authType: 'plain',
      username: 'alice',
      password: PASSWORD,
    },
  });
  expect(res.status).toBe(201);
  return (await rows().findOne({ where: { id: res.body.data.id } })) as StoredRow;
};

/** A copy of a stored row as app code would write it with db.query: every column, the sealed password included. */
const copyOf = (row: StoredRow, email: string) => {
  const { id: _id, documentId: _documentId, createdAt: _c, updatedAt: _u, ...columns } = row;
  return { ...columns, email };
};

/** Sends from `email` through Strapi's email service and answers the mail the SMTP server received. */
const sendFrom = async (email: string) => {
  const subject = `seal-once ${++seq}`;
  await app.strapi
    .plugin('email')
    .service('email')
    .send({ from: `Sealed <${email}>`, to: 'reader@example.test', subject, text: 'x' });
  return smtp.received.find((mail) => mail.subject === subject);
};

const expectSends = async (email: string) => {
  const mail = await sendFrom(email);
  expect(mail).toMatchObject({ user: 'alice', mailFrom: email });
  expect(smtp.auths.at(-1)).toEqual({ user: 'alice', method: 'PLAIN', ok: true });
};

const expectStoredOpens = async (email: string) => {
  const row = await rows().findOne({ where: { email } });
  expect(isSealed(row.password)).toBe(true);
  expect(openSecret(row)).toBe(PASSWORD);
  return row;
};

beforeAll(async () => {
  // the stock provider authenticates as "stock-provider": a mail it sent instead would show
  smtp = await startSmtpServer({ users: { alice: PASSWORD, 'stock-provider': 'stock-provider' } });
  FOREIGN = sealSecret(
    PASSWORD,
    { host: '127.0.0.1', port: smtp.port, security: 'none', authType: 'plain', username: 'alice' },
    'password',
    'the encryption key of another app'
  );
  app = await startStrapi({ STOCK_SMTP_PORT: String(smtp.port), SMTP_ACCOUNTS_ENABLED: 'true' });
  admin = await registerSuperAdmin(app.url);
});

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

describe('a value already sealed with the current key is stored as is', () => {
  it("document service clone: the copy logs in and sends, with the source's sealed value", async () => {
    const source = await createAccount(unique('source'));
    const email = unique('clone');
    const cloned = await app.strapi
      .documents(SMTP_ACCOUNT_UID)
      .clone({ documentId: source.documentId, data: { email } as never });
    expect(cloned.entries).toHaveLength(1);
    const copy = await expectStoredOpens(email);
    expect(copy.password).toBe(source.password);
    expect(copy.id).not.toBe(source.id);
    await expectSends(email);
    // the source is untouched and still sends
    expect((await rows().findOne({ where: { id: source.id } })).password).toBe(source.password);
    await expectSends(source.email);
  });

  it('a clone whose changes do not work is refused like an update would be, nothing stored', async () => {
    const source = await createAccount(unique('source'));
    const before = await rows().count();
    await expect(
      app.strapi
        .documents(SMTP_ACCOUNT_UID)
        .clone({ documentId: source.documentId, data: { username: 'nobody' } as never })
    ).rejects.toMatchObject({ name: 'ValidationError' });
    expect(await rows().count()).toBe(before);
  });

  it('db.query create with the stored value', async () => {
    const source = await createAccount(unique('source'));
    const email = unique('query-create');
    await rows().create({ data: copyOf(source, email) });
    expect((await expectStoredOpens(email)).password).toBe(source.password);
    await expectSends(email);
  });

  it('db.query update writing the stored value back', async () => {
    const source = await createAccount(unique('source'));
    await rows().update({
      where: { id: source.id },
      data: { password: source.password, name: 'Sealed' },
    });
    expect((await expectStoredOpens(source.email)).password).toBe(source.password);
    await expectSends(source.email);
  });

  it('db.query createMany and updateMany with stored values', async () => {
    const source = await createAccount(unique('source'));
    const emails = [unique('many'), unique('many')];
    await rows().createMany({ data: emails.map((email) => copyOf(source, email)) });
    await rows().updateMany({
      where: { email: { $in: emails } },
      data: { password: source.password },
    });
    for (const email of emails) {
      expect((await expectStoredOpens(email)).password).toBe(source.password);
      await expectSends(email);
    }
  });

  it('plain text is still encrypted on every path', async () => {
    const source = await createAccount(unique('source'));
    const email = unique('plain');
    await rows().create({ data: { ...copyOf(source, email), password: PASSWORD } });
    const row = await expectStoredOpens(email);
    expect(row.password).not.toBe(source.password);
    expect(row.password).not.toContain(PASSWORD);
  });
});

describe('a value sealed with another key is refused, naming the code, never echoing the value', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever the db layer threw: toMatchObject checks its shape
  const expectRefused = (error: any) => {
    expect(error).toMatchObject({
      name: 'ValidationError',
      details: { code: 'PASSWORD_SEALED_WITH_OTHER_KEY', field: 'password' },
    });
    expect(error.message).toMatch(/sealed with another encryption key, or for another server/);
    expect(JSON.stringify({ message: error.message, details: error.details })).not.toContain(
      FOREIGN
    );
  };

  it('db.query create, createMany and update throw, nothing is written', async () => {
    const source = await createAccount(unique('source'));
    const before = await rows().count();
    for (const write of [
      () => rows().create({ data: { ...copyOf(source, unique('foreign')), password: FOREIGN } }),
      () =>
        rows().createMany({ data: [{ ...copyOf(source, unique('foreign')), password: FOREIGN }] }),
      () => rows().update({ where: { id: source.id }, data: { password: FOREIGN } }),
      () => rows().updateMany({ where: { id: source.id }, data: { password: FOREIGN } }),
    ]) {
      expectRefused(
        await write().then(
          () => null,
          (error: unknown) => error
        )
      );
    }
    expect(await rows().count()).toBe(before);
    expect((await rows().findOne({ where: { id: source.id } })).password).toBe(source.password);
    await expectSends(source.email);
  });

  it('the admin API refuses any sealed value (SEALED_VALUE_REFUSED: secrets are typed), before contacting the SMTP server', async () => {
    const before = await rows().count();
    const logins = smtp.auths.length;
    const data = {
      name: 'Foreign',
      email: unique('foreign'),
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      authType: 'plain',
      username: 'bob',
      password: FOREIGN,
    };
    const created = await admin.post('/smtp-accounts/accounts', { data });
    expect(created.status).toBe(400);
    expect(created.body.error.details).toEqual({ code: 'SEALED_VALUE_REFUSED', field: 'password' });
    expect(created.text).not.toContain(FOREIGN);

    const source = await createAccount(unique('source'));
    const updated = await admin.put(`/smtp-accounts/accounts/${source.id}`, {
      data: { password: FOREIGN },
    });
    expect(updated.status).toBe(400);
    expect(updated.body.error.details.code).toBe('SEALED_VALUE_REFUSED');
    expect(smtp.auths.slice(logins).filter((a) => a.user === 'bob')).toEqual([]);
    expect(await rows().count()).toBe(before + 1);
  });
});
