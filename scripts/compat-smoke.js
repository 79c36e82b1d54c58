/**
 * Runs inside a scratch Strapi app made by scripts/compat.js (`node compat-smoke.js <appDir>`):
 * boots the app with the packed plugin installed from npm's point of view, registers an admin,
 * smokes the admin API and routes one mail by its From through a real SMTP server on 127.0.0.1.
 * Prints one JSON line `COMPAT-RESULT {...}` with each check's outcome.
 */
const path = require('path');
const { SMTPServer } = require('smtp-server');
const { freshStrapiSecrets, QUIET_STRAPI } = require('./strapi-secrets');

const appDir = path.resolve(process.argv[2]);
const checks = [];
const check = (name, ok, detail = '') =>
  checks.push({ name, ok: Boolean(ok), detail: ok ? '' : detail });

const startSmtp = async (users) => {
  const received = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (users[auth.username] !== auth.password)
        return callback(Object.assign(new Error('5.7.8 bad credentials'), { responseCode: 535 }));
      callback(null, { user: auth.username });
    },
    onData(stream, session, callback) {
      const chunks = [];
      stream.on('data', (chunk) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const subject = (raw.match(/^Subject: (.*)$/im) || [])[1] || '';
        received.push({ user: session.user || null, subject: subject.trim() });
        callback();
      });
    },
  });
  server.on('error', () => undefined);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.server.address().port,
    received,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
};

const json = async (response) => {
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const main = async () => {
  const smtp = await startSmtp({
    'stock-provider': 'stock-pw',
    'compat-account': 'compat-Secret-pw',
  });
  Object.assign(process.env, {
    NODE_ENV: 'production',
    ...freshStrapiSecrets(),
    ...QUIET_STRAPI,
    STOCK_SMTP_PORT: String(smtp.port),
  });

  const { createStrapi } = require(require.resolve('@strapi/strapi', { paths: [appDir] }));
  const strapi = createStrapi({ appDir, distDir: appDir });
  strapi.log.level = 'warn';
  let stage = 'boot';
  try {
    await strapi.load();
    strapi.server.mount();
    await new Promise((resolve) => strapi.server.httpServer.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${strapi.server.httpServer.address().port}`;
    check('boot', true);

    stage = 'admin';
    const credentials = { email: 'compat@admin.test', password: 'C0mpat-Secret-pw' };
    const registered = await fetch(`${base}/admin/register-admin`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...credentials, firstname: 'Compat', lastname: 'Admin' }),
    });
    const registration = await json(registered);
    const token = registration?.data?.token ?? registration?.data?.accessToken;
    check(
      'register admin',
      registered.ok && token,
      `${registered.status} ${JSON.stringify(registration).slice(0, 200)}`
    );
    const api = async (method, route, body) => {
      const response = await fetch(`${base}${route}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: await json(response) };
    };

    stage = 'admin API';
    const bad = await api('POST', '/smtp-accounts/accounts', {
      data: { name: 'x', email: 'not-an-email' },
    });
    check(
      '400 stays a 400 (ValidationError)',
      bad.status === 400 && bad.body?.error?.name === 'ValidationError',
      `${bad.status} ${JSON.stringify(bad.body).slice(0, 200)}`
    );
    const missing = await api('GET', '/smtp-accounts/accounts/987654');
    check(
      '404 stays a 404 (NotFoundError)',
      missing.status === 404 && missing.body?.error?.name === 'NotFoundError',
      `${missing.status} ${JSON.stringify(missing.body).slice(0, 200)}`
    );

    const settings = await api('PUT', '/smtp-accounts/settings', {
      data: { enabled: true, fallback: 'provider' },
    });
    check(
      'settings saved',
      settings.status === 200,
      `${settings.status} ${JSON.stringify(settings.body).slice(0, 200)}`
    );
    const account = {
      name: 'Compat',
      email: 'compat@example.test',
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      authType: 'plain',
      username: 'compat-account',
      password: 'compat-Secret-pw',
    };
    const created = await api('POST', '/smtp-accounts/accounts', { data: account });
    check(
      'account created (verified over SMTP)',
      created.status === 201 &&
        created.body?.data?.hasPassword === true &&
        !JSON.stringify(created.body).includes(account.password),
      `${created.status} ${JSON.stringify(created.body).slice(0, 200)}`
    );

    stage = 'routing';
    const email = strapi.plugin('email').service('email');
    await email.send({
      from: 'Compat <compat@example.test>',
      to: 'reader@example.test',
      subject: 'compat routed',
      text: 'x',
    });
    await email.send({
      from: 'Other <other@example.test>',
      to: 'reader@example.test',
      subject: 'compat stock',
      text: 'x',
    });
    const routed = smtp.received.find((mail) => mail.subject === 'compat routed');
    const stock = smtp.received.find((mail) => mail.subject === 'compat stock');
    check(
      'mail routed by From to the account',
      routed?.user === 'compat-account',
      `received as ${routed ? routed.user : 'nothing'}`
    );
    check(
      'unmatched From goes to the stock provider',
      stock?.user === 'stock-provider',
      `received as ${stock ? stock.user : 'nothing'}`
    );
  } catch (error) {
    check(`${stage} failed`, false, error.stack || String(error));
  } finally {
    await strapi.destroy().catch(() => undefined);
    await smtp.close();
  }
  console.log(`COMPAT-RESULT ${JSON.stringify({ checks })}`);
  process.exit(0);
};

main().catch((error) => {
  console.log(
    `COMPAT-RESULT ${JSON.stringify({ checks: [...checks, { name: 'smoke crashed', ok: false, detail: error.stack || String(error) }] })}`
  );
  process.exit(0);
});
