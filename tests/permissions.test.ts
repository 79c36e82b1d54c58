/**
 * Who may make the plugin do what.
 * 1. Strapi's own admin route POST /email sends any message with any From — so, with the module on,
 *    through any SMTP account. It needs the action `accounts.send` while the module is on (and so does
 *    Settings → Email's test mail, POST /email/test); off, Strapi's own rules stand.
 * 2. A sweep over EVERY admin route of the plugin, read from the route table itself: a role with none
 *    of the plugin's actions gets 403 everywhere; a role holding one action gets 403 on every route
 *    needing another one. Nothing reaches the SMTP server and nothing is written on a 403.
 */
import { ACTIONS, PERMISSIONS, PLUGIN_ID } from '../shared/constants';
import { SMTP_ACCOUNT_UID } from '../server/src/accounts';
import adminRoutes from '../server/src/routes/admin';
import { AdminClient, createEditorAdmin, registerSuperAdmin } from './helpers/admin-client';
import { createAdminWithActions } from './helpers/roles';
import { startSmtpServer, type TestSmtpServer } from './helpers/smtp-server';
import { startStrapi, type TestApp } from './helpers/strapi';

const EMAIL_SETTINGS_READ = 'plugin::email.settings.read'; // what Strapi itself asks for POST /email/test
const SENDER = 'Sender <sender@perm.test>';

let app: TestApp;
let superAdmin: AdminClient;
let smtp: TestSmtpServer;
let seq = 0;

beforeAll(async () => {
  smtp = await startSmtpServer({
    users: { acct: 'acct-Secret-pw1', 'stock-provider': 'stock-provider' },
  });
  app = await startStrapi({ STOCK_SMTP_PORT: String(smtp.port), SMTP_ACCOUNTS_ENABLED: 'true' });
  superAdmin = await registerSuperAdmin(app.url);
  const created = await superAdmin.post('/smtp-accounts/accounts', {
    data: {
      name: 'Sender',
      email: 'sender@perm.test',
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      authType: 'plain',
      username: 'acct',
      password: 'acct-Secret-pw1',
    },
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await app?.stop();
  await smtp?.close();
});

const setModule = async (enabled: boolean) =>
  expect((await superAdmin.put('/smtp-accounts/settings', { data: { enabled } })).status).toBe(200);

/** POST /email with a message From the account; answers the status and the mail the server received (if any). */
const sendThroughEmailRoute = async (client: AdminClient) => {
  const subject = `email route ${++seq}`;
  const res = await client.post('/email', {
    from: SENDER,
    to: 'reader@example.test',
    subject,
    text: 'x',
  });
  return { res, mail: smtp.received.find((m) => m.subject === subject) };
};

const sendTestMail = async (client: AdminClient) => {
  const to = `tester-${++seq}@example.test`;
  const res = await client.post('/email/test', { to });
  return { res, mail: smtp.received.find((m) => m.rcptTo.includes(to)) };
};

describe("Strapi's POST /email and /email/test need accounts.send while the module is on", () => {
  let withoutSend: AdminClient;
  let withSend: AdminClient;
  let editor: AdminClient;

  beforeAll(async () => {
    // both may read the email settings, which is all Strapi itself asks for the test mail
    withoutSend = await createAdminWithActions(app.strapi, app.url, [EMAIL_SETTINGS_READ]);
    withSend = await createAdminWithActions(app.strapi, app.url, [
      EMAIL_SETTINGS_READ,
      PERMISSIONS.accountsSend,
    ]);
    editor = await createEditorAdmin(app.strapi, app.url);
  });

  afterAll(() => setModule(true));

  it('the action is registered for the roles editor', () => {
    const action = app.strapi
      .service('admin::permission')
      .actionProvider.get(PERMISSIONS.accountsSend);
    expect(action).toMatchObject({
      displayName: 'Send mail through SMTP accounts',
      subCategory: 'accounts',
      pluginName: PLUGIN_ID,
    });
  });

  it('module on: a role without it gets 403 with a stable code, and nothing reaches the SMTP server', async () => {
    await setModule(true);
    const received = smtp.received.length;
    for (const client of [withoutSend, editor]) {
      const { res } = await sendThroughEmailRoute(client);
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({
        name: 'PolicyError',
        details: { code: 'SEND_PERMISSION_REQUIRED' },
      });
    }
    expect((await sendTestMail(withoutSend)).res.status).toBe(403);
    expect(smtp.received.length).toBe(received);
    expect(smtp.auths.filter((a) => a.user === 'acct')).toHaveLength(1); // only the verification on save
  });

  it('module on: a role with it sends through the account, and its test mail goes out', async () => {
    const sent = await sendThroughEmailRoute(withSend);
    expect(sent.res.status).toBe(200);
    expect(sent.mail).toMatchObject({ user: 'acct', mailFrom: 'sender@perm.test' });
    const test = await sendTestMail(withSend);
    expect(test.res.status).toBe(200);
    expect(test.mail).toBeDefined();
  });

  it('module on: super admins hold every action', async () => {
    const sent = await sendThroughEmailRoute(superAdmin);
    expect(sent.res.status).toBe(200);
    expect(sent.mail?.user).toBe('acct');
  });

  it("module off: Strapi's own rules stand, the stock provider sends", async () => {
    await setModule(false);
    const sent = await sendThroughEmailRoute(withoutSend);
    expect(sent.res.status).toBe(200);
    expect(sent.mail?.user).toBe('stock-provider');
    const test = await sendTestMail(withoutSend);
    expect(test.res.status).toBe(200);
    expect(test.mail?.user).toBe('stock-provider');
    expect((await sendThroughEmailRoute(editor)).res.status).toBe(200);
  });

  it('switched back on, the route is refused again at once', async () => {
    await setModule(true);
    expect((await sendThroughEmailRoute(withoutSend)).res.status).toBe(403);
  });
});

describe('every admin route of the plugin answers 403 to a role lacking its action', () => {
  interface Route {
    method: string;
    path: string;
    handler: string;
    actions: string[];
  }

  /** The route table as the plugin declares it, each route with the actions its admin::hasPermissions policy asks. */
  const routes: Route[] = adminRoutes.routes.map((route) => {
    const policies = (route.config?.policies ?? []) as (
      string | { name: string; config?: { actions?: string[] } }
    )[];
    const permission = policies.find(
      (p) => typeof p === 'object' && p.name === 'admin::hasPermissions'
    ) as { config?: { actions?: string[] } } | undefined;
    return {
      method: route.method,
      path: route.path,
      handler: route.handler,
      actions: permission?.config?.actions ?? [],
    };
  });
  const pluginActions = ACTIONS.map((action) => `plugin::${PLUGIN_ID}.${action.uid}`);

  const call = (client: AdminClient, route: Route) => {
    const path = `/${PLUGIN_ID}${route.path.replace(/:\w+/g, '999999')}`;
    return client.request(
      route.method,
      path,
      route.method === 'GET' || route.method === 'DELETE'
        ? undefined
        : { data: {}, to: 'x@example.test', from: 'a@b.test' }
    );
  };

  const untouched = async (check: () => Promise<void>) => {
    const received = smtp.received.length;
    const logins = smtp.auths.length;
    const rows = JSON.stringify(
      await app.strapi.db.query(SMTP_ACCOUNT_UID).findMany({ orderBy: { id: 'asc' } })
    );
    await check();
    expect(smtp.received.length).toBe(received);
    expect(smtp.auths.length).toBe(logins);
    expect(
      JSON.stringify(
        await app.strapi.db.query(SMTP_ACCOUNT_UID).findMany({ orderBy: { id: 'asc' } })
      )
    ).toBe(rows);
  };

  it('the table covers the whole API, test mail, log and resend included, each route behind a plugin action', () => {
    expect(routes.length).toBeGreaterThanOrEqual(11);
    expect(routes.map((r) => r.handler)).toEqual(
      expect.arrayContaining([
        'accounts.sendTest',
        'sendLog.find',
        'sendLog.resend',
        'settings.update',
      ])
    );
    for (const route of routes) {
      expect({ route: `${route.method} ${route.path}`, actions: route.actions.length > 0 }).toEqual(
        { route: `${route.method} ${route.path}`, actions: true }
      );
      for (const action of route.actions) expect(pluginActions).toContain(action);
    }
  });

  it("a role with none of the plugin's actions: 403 on every route", async () => {
    const nobody = await createAdminWithActions(app.strapi, app.url, []);
    await untouched(async () => {
      for (const route of routes) {
        const res = await call(nobody, route);
        expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
          route: `${route.method} ${route.path}`,
          status: 403,
        });
      }
    });
  });

  it.each(ACTIONS.map((a) => [`plugin::${PLUGIN_ID}.${a.uid}`]))(
    'a role holding only %s: 403 on every route needing another action, not on its own',
    async (action) => {
      const holder = await createAdminWithActions(app.strapi, app.url, [action]);
      const forbidden = routes.filter(
        (route) => !route.actions.every((needed) => needed === action)
      );
      const own = routes.filter((route) => !forbidden.includes(route));
      await untouched(async () => {
        for (const route of forbidden) {
          const res = await call(holder, route);
          expect({ route: `${route.method} ${route.path}`, status: res.status }).toEqual({
            route: `${route.method} ${route.path}`,
            status: 403,
          });
        }
      });
      for (const route of own) {
        const res = await call(holder, route);
        expect({ route: `${route.method} ${route.path}`, forbidden: res.status === 403 }).toEqual({
          route: `${route.method} ${route.path}`,
          forbidden: false,
        });
      }
    }
  );
});
