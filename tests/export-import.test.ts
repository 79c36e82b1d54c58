/**
 * A real `strapi export` → `strapi import` round trip (the CLI, run in the playground on temporary
 * SQLite files, or scratch databases when DATABASE_CLIENT=postgres|mysql) carries the SMTP accounts
 * with their sealed passwords (the import writes rows with lifecycles off: they arrive as stored).
 * - Into an app with the same encryption key: every account keeps sending.
 * - Into an app with another key: each account with a password is flagged — a boot warning naming
 *   id and email (never the value), `passwordState: 'unreadable'` in the admin API — and takes no
 *   part in routing (its mail goes to the fallback) until the password is re-entered.
 * Slow by nature (five Strapi boots, three of them the CLI): about a minute.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SmtpAccount } from '../shared/contracts/accounts';
import { registerSuperAdmin } from './helpers/admin-client';
import { createScratchDatabase, type ScratchDatabase } from './helpers/database';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapiChild } from './helpers/strapi-child-process';
import { PLAYGROUND, startStrapi } from './helpers/strapi';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { freshStrapiSecrets, QUIET_STRAPI } = require('../scripts/strapi-secrets') as {
  freshStrapiSecrets: () => Record<string, string>;
  QUIET_STRAPI: Record<string, string>;
};

jest.setTimeout(300000);

const STRAPI_BIN = path.resolve(__dirname, '..', 'node_modules', '.bin', 'strapi');
const USERS = {
  'ex-one': 'ex-One-Secret-pw1',
  'ex-two': 'ex-Two-Secret-pw2',
  'stock-provider': 'stock-provider',
};
const ACCOUNTS = [
  {
    name: 'Export one',
    email: 'one@export.test',
    username: 'ex-one',
    password: USERS['ex-one'],
    authType: 'plain',
  },
  {
    name: 'Рассылка 34web',
    email: 'letter@export.test',
    username: 'ex-two',
    password: USERS['ex-two'],
    authType: 'login',
  },
  // no authentication, no password: nothing to decrypt, keeps working with any key
  { name: 'Open relay', email: 'open@export.test', username: '', authType: 'none' },
];

let smtp: TestSmtpServer;
/** Where the account without authentication sends: a server that takes mail without AUTH. */
let open: TestSmtpServer;
let tmp: string;
const timings: Record<string, number> = {};

const CLIENT = process.env.DATABASE_CLIENT ?? 'sqlite';
const scratchDatabases: ScratchDatabase[] = [];

/** A fresh, empty database for one app: a SQLite file in the temp folder, or a scratch database on the server. */
const newDatabase = async (name: string): Promise<Record<string, string>> => {
  if (CLIENT === 'sqlite')
    return { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: path.join(tmp, `${name}.db`) };
  const database = await createScratchDatabase(CLIENT);
  scratchDatabases.push(database);
  return database.env;
};

/** The environment of one app: its own database and secrets, the given encryption key. */
const appEnv = (database: Record<string, string>, encryptionKey: string): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'test',
  ...freshStrapiSecrets(),
  ...QUIET_STRAPI,
  ...database,
  SMTP_ACCOUNTS_ENCRYPTION_KEY: encryptionKey,
  SMTP_ACCOUNTS_ENABLED: 'true',
  STOCK_SMTP_PORT: String(smtp.port),
});

/** Runs the Strapi CLI in the playground; resolves with its output, rejects with it on a non-zero exit. */
const strapiCli = (label: string, args: string[], env: NodeJS.ProcessEnv) =>
  new Promise<string>((resolve, reject) => {
    const started = Date.now();
    const child = spawn(STRAPI_BIN, args, {
      cwd: PLAYGROUND,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      timings[label] = Date.now() - started;
      if (code === 0) resolve(output);
      else reject(new Error(`strapi ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });

/** Numbers the test mails of every child: a subject names one mail across the whole file. */
let mailSeq = 0;

/** A Strapi process (tests/helpers/strapi-child.js) on one app's environment, with its log output. */
const startChild = async (env: NodeJS.ProcessEnv) => {
  const child = await startStrapiChild(env, { captureOutput: true });
  return {
    ...child,
    /** Sends from `email`; answers the SMTP user the server saw for it (which account sent it). */
    async sendFrom(email: string, name = 'Sender') {
      const subject = `export-import ${email} ${++mailSeq}`;
      const reply = await child.ask('send', {
        options: { from: `${name} <${email}>`, to: 'reader@example.test', subject, text: 'x' },
      });
      expect(reply).toMatchObject({ ok: true });
      return [...smtp.received, ...open.received].find((mail) => mail.subject === subject)?.user;
    },
  };
};

const KEY = 'the key of the exporting app';
const OTHER_KEY = 'the key of an unrelated app';
let backup: string;
const sourceIds: Record<string, number> = {};
const sealedValues: string[] = [];

beforeAll(async () => {
  smtp = await startSmtpServer({ users: USERS });
  open = await startSmtpServer();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-accounts-transfer-'));

  // the exporting app: accounts created through the document service (verified against the server)
  const sourceDatabase = await newDatabase('source');
  const source = await startChild(appEnv(sourceDatabase, KEY));
  try {
    for (const account of ACCOUNTS) {
      const port = account.authType === 'none' ? open.port : smtp.port;
      const created = await source.ask<{ id: number }>('create', {
        data: { host: '127.0.0.1', port, security: 'none', ...account },
      });
      expect(created).toMatchObject({ ok: true });
      sourceIds[account.email] = created.result!.id;
    }
    expect(await source.sendFrom('one@export.test')).toBe('ex-one');
  } finally {
    await source.stop();
  }

  const exported = await strapiCli(
    'export',
    ['export', '--no-encrypt', '--no-compress', '-f', path.join(tmp, 'backup')],
    appEnv(sourceDatabase, KEY)
  );
  backup = path.join(tmp, 'backup.tar');
  expect({ exists: fs.existsSync(backup), output: exported }).toMatchObject({ exists: true });
  const archive = fs.readFileSync(backup, 'latin1');
  sealedValues.push(...(archive.match(/v2:[\w-]{16}:[\w-]*:[\w-]{22}/g) ?? []));
});

afterAll(async () => {
  // the CLI writes export_<time>.log / import_<time>.log into the app folder: leave it as it was
  for (const file of fs.readdirSync(PLAYGROUND))
    if (/^(export|import)_\d+\.log$/.test(file))
      fs.rmSync(path.join(PLAYGROUND, file), { force: true });
  await smtp?.close();
  await open?.close();
  for (const database of scratchDatabases) await database.drop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`export/import timings (ms): ${JSON.stringify(timings)}`);
});

it('the export carries the sealed passwords, never the plain ones', () => {
  const archive = fs.readFileSync(backup, 'latin1');
  expect(sealedValues).toHaveLength(2);
  for (const account of ACCOUNTS)
    if (account.password) expect(archive).not.toContain(account.password);
});

it('imported into an app with the same key: every account keeps sending, no warning', async () => {
  const env = appEnv(await newDatabase('same-key'), KEY);
  await strapiCli('import same key', ['import', '-f', backup, '--force'], env);
  const app = await startChild(env);
  try {
    timings['boot same key'] = app.bootMs;
    expect(app.output()).not.toMatch(/cannot be decrypted/);
    const listed = (await app.ask('list')).result as {
      id: number;
      email: string;
      passwordState: string;
    }[];
    // the import may give rows other ids (and so another order) than the source: compare by address
    const byEmail = <T extends { email: string }>(rows: T[]) =>
      [...rows].sort((a, b) => a.email.localeCompare(b.email));
    expect(byEmail(listed.map(({ email, passwordState }) => ({ email, passwordState })))).toEqual(
      byEmail([
        { email: 'one@export.test', passwordState: 'ok' },
        { email: 'letter@export.test', passwordState: 'ok' },
        { email: 'open@export.test', passwordState: 'none' },
      ])
    );
    expect(await app.sendFrom('one@export.test')).toBe('ex-one');
    expect(await app.sendFrom('letter@export.test', 'Рассылка 34web')).toBe('ex-two');
    expect(smtp.auths.filter((a) => !a.ok)).toEqual([]);
  } finally {
    await app.stop();
  }
});

describe('imported into an app with another key', () => {
  let database: Record<string, string>;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    database = await newDatabase('other-key');
    env = appEnv(database, OTHER_KEY);
    await strapiCli('import other key', ['import', '-f', backup, '--force'], env);
  });

  it('boot warns once per account with a password, by id and email, never the value; those accounts drop out of routing', async () => {
    const app = await startChild(env);
    try {
      timings['boot other key'] = app.bootMs;
      const warnings = app
        .output()
        .split('\n')
        .filter((line) => /cannot be decrypted with this server's encryption key/.test(line));
      expect(warnings).toHaveLength(2);
      // by address and an id (the import may renumber rows, PostgreSQL's sequences did here)
      for (const email of ['one@export.test', 'letter@export.test']) {
        expect(
          warnings.some(
            (line) =>
              new RegExp(`#\\d+ <${email.replace(/[.]/g, '\\.')}>`).test(line) &&
              /re-enter its password/.test(line)
          )
        ).toBe(true);
      }
      for (const secret of [...sealedValues, USERS['ex-one'], USERS['ex-two']])
        expect(app.output()).not.toContain(secret);

      // the unreadable accounts are not candidates: their mail goes to the fallback, with no login attempt
      const logins = smtp.auths.length;
      expect(await app.sendFrom('one@export.test')).toBe('stock-provider');
      expect(await app.sendFrom('letter@export.test', 'Рассылка 34web')).toBe('stock-provider');
      expect(smtp.auths.slice(logins).map((a) => a.user)).toEqual([
        'stock-provider',
        'stock-provider',
      ]);
      // an account without a password is not affected
      expect(await app.sendFrom('open@export.test')).toBe(null);
    } finally {
      await app.stop();
    }
  });

  it('the admin API flags them (list and findOne) and re-entering the password brings the account back', async () => {
    const app = await startStrapi({
      ...database,
      SMTP_ACCOUNTS_ENCRYPTION_KEY: OTHER_KEY,
      STOCK_SMTP_PORT: String(smtp.port),
      SMTP_ACCOUNTS_ENABLED: 'true',
    });
    try {
      const admin = await registerSuperAdmin(app.url);
      const list = await admin.get('/smtp-accounts/accounts');
      expect(list.status).toBe(200);
      const sorted = <T extends { email: string }>(rows: T[]) =>
        [...rows].sort((a, b) => a.email.localeCompare(b.email));
      expect(
        sorted(
          list.body.data.map(({ email, hasPassword, passwordState }: SmtpAccount) => ({
            email,
            hasPassword,
            passwordState,
          }))
        )
      ).toEqual(
        sorted([
          { email: 'one@export.test', hasPassword: true, passwordState: 'unreadable' },
          { email: 'letter@export.test', hasPassword: true, passwordState: 'unreadable' },
          { email: 'open@export.test', hasPassword: false, passwordState: 'none' },
        ])
      );
      for (const secret of sealedValues) expect(list.text).not.toContain(secret);
      const id = list.body.data.find(
        (account: { email: string }) => account.email === 'one@export.test'
      ).id as number;
      expect((await admin.get(`/smtp-accounts/accounts/${id}`)).body.data).toMatchObject({
        id,
        passwordState: 'unreadable',
      });

      const fixed = await admin.put(`/smtp-accounts/accounts/${id}`, {
        data: { password: USERS['ex-one'] },
      });
      expect(fixed.status).toBe(200);
      expect(fixed.body.data.passwordState).toBe('ok');
      const subject = 'after re-entering the password';
      await app.strapi.plugin('email').service('email').send({
        from: 'Export one <one@export.test>',
        to: 'reader@example.test',
        subject,
        text: 'x',
      });
      expect(smtp.received.find((mail) => mail.subject === subject)?.user).toBe('ex-one');
    } finally {
      await app.stop();
    }
  });
});
