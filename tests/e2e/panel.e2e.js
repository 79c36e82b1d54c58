'use strict';
/**
 * End-to-end test of the admin panel: a real Strapi (playground), real SMTP servers and a real Chromium.
 * Run with `node tests/e2e/run.js`; prints progress and ends with `e2e: N passed, M failed`.
 */
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { campaignSteps } = require('./campaigns.e2e');
const { deliverabilitySteps } = require('./deliverability.e2e');
const { startDnsServer } = require('./dns-server');
const { logSteps } = require('./log.e2e');
const { issue10Steps } = require('./issue10.e2e');
const { issue18Steps } = require('./issue18.e2e');
const { oauthSteps } = require('./oauth.e2e');
const { readOnlyRoleSteps } = require('./roles.e2e');
const { startSmtpServer } = require('./smtp-server');
const { ensureAdminBuild, startStrapi, ROOT } = require('./strapi-process');

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const UI_TIMEOUT = 30000;

/**
 * The admin is built with React's development bundle (tests/e2e/strapi-process.js), so React warnings reach the
 * console. Strapi's own pages warn too (its settings pages call useRBAC with an object): a warning whose stack or
 * component stack names none of this plugin's components is marked as Strapi's and only listed at the end.
 */
const INTERNAL_MARK = '[strapi-internal] ';
const OUR_CODE = new RegExp(
  fs
    .readdirSync(path.join(__dirname, '..', '..', 'admin', 'src'), { recursive: true })
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => path.basename(file).replace(/\.tsx?$/, ''))
    .filter((name) => name.length >= 6 && name !== 'index')
    .join('|')
);
/** Runs in the page before the admin: tags warnings that do not come from this plugin. */
function markStrapiInternalWarnings(ourCodeSource) {
  const ours = new RegExp(ourCodeSource);
  for (const level of ['warn', 'error']) {
    const original = console[level];
    console[level] = function (...args) {
      const first = String(args[0]);
      const isWarning = first.startsWith('Warning:') || first.startsWith('useRBAC');
      const where = `${new Error().stack || ''}\n${args.slice(1).map(String).join('\n')}`;
      if (isWarning && !ours.test(where)) args[0] = `[strapi-internal] ${first}`;
      return original.apply(this, args);
    };
  }
}

const log = (line) => console.log(`[e2e] ${line}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const waitFor = async (what, check, timeout = 15000) => {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
};
const assert = (condition, message) => {
  if (!condition) throw new Error(message);
};

const main = async () => {
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`e2e: ${CHROMIUM} not found — install it with: apt-get install -y chromium`);
    console.log('e2e: 0 passed, 1 failed');
    return 1;
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const { chromium } = require('playwright-core');

  const uniq = randomBytes(3).toString('hex');
  const password = `pw-${randomBytes(6).toString('hex')}`;
  const senderEmail = `shop-${uniq}@example.test`;
  const admin = {
    email: `admin-${uniq}@example.test`,
    password: `Adm1n-${uniq}-Pass`,
    firstname: 'E2E',
    lastname: 'Admin',
  };

  const results = { passed: 0, failed: 0 };
  const cleanups = [];
  let failedEarlier = false;

  /**
   * Every browser console error and React warning fails the step it happened in. Chrome reports an
   * expected 4xx answer of the API (a refused save) as "Failed to load resource": those are the tests' point.
   */
  const consoleProblems = [];
  const strapiInternal = new Set();
  const watchConsole = (watched) => {
    watched.on('console', (message) => {
      const text = message.text();
      if (text.startsWith(INTERNAL_MARK)) {
        strapiInternal.add(text.slice(INTERNAL_MARK.length, 200));
        return;
      }
      const isReactWarning =
        message.type() === 'warning' && /^Warning: |useRBAC|validateDOMNesting/.test(text);
      if (message.type() !== 'error' && !isReactWarning) return;
      if (/Failed to load resource: the server responded with a status of 4\d\d/.test(text)) return;
      // the admin calls outside services (marketplace, updates, analytics): this machine has no Internet
      const where = (message.location() && message.location().url) || '';
      if (/Failed to load resource: net::/.test(text) && !where.startsWith('http://127.0.0.1'))
        return;
      consoleProblems.push(`${message.type()}: ${text.slice(0, 500)}`);
    });
    watched.on('pageerror', (error) => consoleProblems.push(`pageerror: ${error.message}`));
  };

  /**
   * Steps depend on each other, so after a failure the rest are reported as failed without running.
   * `E2E_ONLY=<regexp>` runs only the steps whose name matches it (and the login), while working on them.
   */
  const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : null;
  const step = async (name, fn) => {
    if (only && name !== 'log in' && !only.test(name)) return;
    if (failedEarlier) {
      results.failed += 1;
      log(`SKIP ${name} (an earlier step failed)`);
      return;
    }
    const started = Date.now();
    const problemsBefore = consoleProblems.length;
    try {
      await fn();
      const problems = consoleProblems.slice(problemsBefore);
      if (problems.length) throw new Error(`browser console:\n  ${problems.join('\n  ')}`);
      results.passed += 1;
      log(`PASS ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      results.failed += 1;
      failedEarlier = true;
      log(`FAIL ${name}: ${error && error.stack ? error.stack : error}`);
      if (page)
        await page
          .screenshot({
            path: path.join(ARTIFACTS, `failure-${name.replace(/\W+/g, '-')}.png`),
            fullPage: true,
          })
          .catch(() => undefined);
    }
  };

  let page = null;
  try {
    const smtpA = await startSmtpServer({ users: { alice: password } });
    cleanups.push(() => smtpA.close());
    const smtpB = await startSmtpServer({ users: { alice: password } });
    cleanups.push(() => smtpB.close());
    const stock = await startSmtpServer({ users: { 'stock-provider': 'stock-provider' } });
    cleanups.push(() => stock.close());
    log(`smtp servers on ${smtpA.port} (A), ${smtpB.port} (B), ${stock.port} (stock provider)`);

    // the domain check asks this server, not the internet (deliverability.e2e.js fills its zone)
    const dns = await startDnsServer();
    cleanups.push(() => dns.close());

    ensureAdminBuild(log);
    const strapi = await startStrapi({
      stockSmtpPort: stock.port,
      logFile: path.join(ARTIFACTS, 'strapi.log'),
      log,
      env: { SMTP_ACCOUNTS_DNS_SERVERS: dns.address },
    });
    cleanups.push(() => strapi.stop());
    const { url } = strapi;

    const registered = await fetch(`${url}/admin/register-admin`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(admin),
    });
    const registeredBody = await registered.text();
    assert(registered.ok, `register-admin answered ${registered.status}: ${registeredBody}`);
    const { data: registration } = JSON.parse(registeredBody);
    const token = registration.token || registration.accessToken;
    const api = async (method, route, body) => {
      const res = await fetch(`${url}/smtp-accounts${route}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      return { status: res.status, body: await res.json() };
    };
    const listAccounts = async () => (await api('GET', '/accounts')).body.data;
    log('first admin registered');

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    cleanups.push(() => browser.close());
    // every page of every context (the read-only role's too) is watched
    const newContext = browser.newContext.bind(browser);
    browser.newContext = async (...args) => {
      const created = await newContext(...args);
      await created.addInitScript(markStrapiInternalWarnings, OUR_CODE.source);
      created.on('page', watchConsole);
      return created;
    };
    const context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      locale: 'en-US',
    });
    page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    const shot = (name) =>
      page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
    const heading = (name) => page.getByRole('heading', { name, exact: true }).first().waitFor();
    const openAccounts = async () => {
      await page.goto(`${url}/admin/plugins/smtp-accounts`);
      await heading('SMTP accounts');
    };
    const chooseOption = async (label, option) => {
      await page.getByRole('combobox', { name: label }).click();
      await page.getByRole('option', { name: option, exact: true }).click();
    };
    const label = (name) => `${name} <${senderEmail}>`;

    await step('log in', async () => {
      await page.goto(`${url}/admin/auth/login`);
      await page.locator('input[name="email"]').fill(admin.email);
      await page.locator('input[name="password"]').fill(admin.password);
      await page.getByRole('button', { name: /log ?in/i }).click();
      await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: UI_TIMEOUT });
      await openAccounts();
      await page.getByText('No SMTP account yet').waitFor();
      await shot('01-accounts-empty');
    });

    let shopId = 0;
    await step('a wrong password shows the auth error and creates no row', async () => {
      await page.getByRole('button', { name: 'Create account' }).click();
      await heading('Create an SMTP account');
      await page.getByLabel('Sender name').fill('Alice Shop');
      await page.getByLabel('Sender email').fill(senderEmail);
      await page.getByLabel('SMTP host').fill('127.0.0.1');
      await chooseOption('Security', 'None');
      await page.getByLabel('Port').fill(String(smtpA.port));
      await chooseOption('Authentication', 'PLAIN');
      await page.getByLabel('Username').fill('alice');
      await page.getByLabel(/^Password\*?$/).fill('wrong-password');
      await page.getByRole('button', { name: 'Save' }).click();
      const alert = page
        .getByRole('alert')
        .filter({ hasText: 'The SMTP server refused the login' });
      await alert.waitFor();
      const text = await alert.innerText();
      assert(
        /Check the username, the password and the authentication method/.test(text),
        `alert does not say what to check: ${text}`
      );
      assert(!/SMTP check failed/i.test(text), `the alert repeats "SMTP check failed": ${text}`);
      assert(/535/.test(text), `alert does not show the server reply: ${text}`);
      assert(
        (await page.getByLabel('Sender email').inputValue()) === senderEmail,
        'the typed email was lost'
      );
      assert(
        (await page.getByLabel('Port').inputValue()).replace(/\D/g, '') === String(smtpA.port),
        'the typed port was lost'
      );
      assert((await listAccounts()).length === 0, 'a failed save stored an account');
      assert(
        smtpA.auths.some((a) => a.user === 'alice' && !a.ok),
        'the SMTP server saw no failed login'
      );
      await shot('02-account-form-auth-error');
    });

    await step('create an account (notification, row in the list)', async () => {
      await page.getByLabel(/^Password\*?$/).fill(password);
      const save = page.getByRole('button', { name: 'Save' });
      await save.click();
      await page.getByText(`SMTP account ${senderEmail} created`).first().waitFor();
      await heading('SMTP accounts');
      await page.locator('tbody tr').filter({ hasText: senderEmail }).first().waitFor();
      const accounts = await listAccounts();
      assert(accounts.length === 1, `expected 1 account, got ${accounts.length}`);
      shopId = accounts[0].id;
      assert(
        accounts[0].hasPassword && !('password' in accounts[0]),
        'the API answer is wrong about the password'
      );
      await shot('03-accounts-list');
    });

    await step(
      'edit: a new port asks for the password again (hint, server code on the field), then saves',
      async () => {
        const authsBefore = smtpB.auths.length;
        await page.getByRole('button', { name: `Edit ${label('Alice Shop')}` }).click();
        await heading(`Edit ${senderEmail}`);
        await page.getByText('Leave empty to keep the current one').waitFor();
        assert(
          (await page.getByLabel(/^Password\*?$/).inputValue()) === '',
          'the password field is not empty'
        );
        await page.getByLabel('Port').fill(String(smtpB.port));
        await page.getByText('Re-enter the password to send it to the new server').waitFor();
        await shot('04-account-edit');
        await page.getByRole('button', { name: 'Save' }).click();
        // the server's PASSWORD_REQUIRED, translated, on the password field
        await page
          .getByText('Re-enter the password: it is only sent to the server it was entered for')
          .first()
          .waitFor();
        const invalid = await page.getByLabel(/^Password\*?$/).getAttribute('aria-invalid');
        assert(invalid === 'true', `the password field is not marked invalid: ${invalid}`);
        await page.getByLabel(/^Password\*?$/).fill(password);
        await page.getByRole('button', { name: 'Save' }).click();
        await page.getByText(`SMTP account ${senderEmail} saved`).first().waitFor();
        await heading('SMTP accounts');
        const newAuths = smtpB.auths.slice(authsBefore);
        assert(
          newAuths.some((a) => a.user === 'alice' && a.ok),
          `server B saw no successful login: ${JSON.stringify(newAuths)}`
        );
        const [account] = await listAccounts();
        assert(account.port === smtpB.port, `the port was not saved: ${account.port}`);
      }
    );

    await step('toggle active in the row', async () => {
      const toggle = page.getByRole('switch', { name: `Active: ${label('Alice Shop')}` });
      await toggle.click();
      await page.getByText(`${senderEmail} is inactive`).first().waitFor();
      assert((await listAccounts())[0].active === false, 'the account is still active');
      await toggle.click();
      await page.getByText(`${senderEmail} is active`).first().waitFor();
      assert((await listAccounts())[0].active === true, 'the account is still inactive');
    });

    let newsId = 0;
    await step('create a second account preferred for newsletters', async () => {
      await page.getByRole('button', { name: 'Create account' }).click();
      await heading('Create an SMTP account');
      await page.getByLabel('Sender name').fill('Alice News');
      await page.getByLabel('Sender email').fill(senderEmail);
      await page.getByLabel('SMTP host').fill('127.0.0.1');
      await chooseOption('Security', 'None');
      await page.getByLabel('Port').fill(String(smtpA.port));
      await page.getByLabel('Username').fill('alice');
      await page.getByLabel(/^Password\*?$/).fill(password);
      await page.getByRole('checkbox', { name: 'Prefer for newsletters' }).click();
      await page.getByRole('button', { name: 'Save' }).click();
      await heading('SMTP accounts');
      await page.locator('tbody tr').filter({ hasText: 'Alice News' }).waitFor();
      const news = (await listAccounts()).find((a) => a.name === 'Alice News');
      assert(
        news && news.preferForNewsletters,
        'the newsletter account was not stored as preferred'
      );
      newsId = news.id;
    });

    await step('search and sort the list', async () => {
      const rows = page.locator('tbody tr');
      await page.locator('input[name="search"]').fill('alice news');
      await waitFor('one row after searching', async () => (await rows.count()) === 1);
      await page.locator('input[name="search"]').fill('');
      await waitFor('two rows after clearing', async () => (await rows.count()) === 2);
      await page.getByRole('button', { name: 'ID' }).click(); // already ascending: flips to descending
      await waitFor(
        'descending ids',
        async () => (await rows.first().getAttribute('data-account-id')) === String(newsId)
      );
      await page.getByRole('button', { name: 'Sender name' }).click();
      await waitFor(
        'sorted by name',
        async () => (await rows.first().getAttribute('data-account-id')) === String(newsId)
      );
      await page.getByRole('button', { name: 'Sender name' }).click();
      await waitFor(
        'sorted by name, descending',
        async () => (await rows.first().getAttribute('data-account-id')) === String(shopId)
      );
    });

    await step('routing preview names the right account', async () => {
      await page.getByRole('button', { name: 'Routing preview' }).click();
      await heading('Routing preview');
      const rule = page.getByTestId('resolved-rule');
      const resolve = async (from, newsletter) => {
        await page.getByLabel('From').fill(from);
        const box = page.getByRole('checkbox', { name: 'This mail is a newsletter' });
        if ((await box.getAttribute('aria-checked')) !== String(newsletter)) await box.click();
        await page.getByRole('button', { name: 'Resolve' }).click();
        await rule.waitFor();
        return {
          rule: await rule.getAttribute('data-rule'),
          text: await page.getByRole('status').filter({ has: rule }).innerText(),
        };
      };
      let result = await resolve(`Alice Shop <${senderEmail.toUpperCase()}>`, false);
      assert(result.rule === 'name-address', `plain mail: rule ${result.rule}`);
      assert(result.text.includes(`#${shopId} Alice Shop`), `plain mail went to: ${result.text}`);
      assert(
        result.text.includes('Account with the same sender name and address'),
        `rule not in words: ${result.text}`
      );
      result = await resolve(`Alice Shop <${senderEmail}>`, true);
      assert(result.rule.startsWith('newsletter'), `newsletter: rule ${result.rule}`);
      assert(result.text.includes(`#${newsId} Alice News`), `newsletter went to: ${result.text}`);
      await shot('05-routing-preview');
      result = await resolve(`nobody-${uniq}@example.test`, false);
      assert(
        result.rule === 'fallback' && /fallback to the configured provider/.test(result.text),
        `unknown: ${result.text}`
      );
      await page
        .getByRole('link', { name: /Alice/ })
        .count()
        .then((n) => assert(n === 0, 'a link is shown without an account'));
      await resolve(`Alice Shop <${senderEmail}>`, false);
      await page.getByRole('link', { name: `#${shopId} Alice Shop <${senderEmail}>` }).click();
      await heading(`Edit ${senderEmail}`);
    });

    await step('send a test mail and see it arrive', async () => {
      const recipient = `rcpt-${uniq}@example.test`;
      await openAccounts();
      await page
        .getByRole('button', { name: `Send test mail from ${label('Alice Shop')}` })
        .click();
      await heading('Send a test mail');
      await page.getByLabel('Recipient').fill(recipient);
      await page.getByRole('button', { name: 'Send', exact: true }).click();
      await page.getByText('Test mail sent').waitFor();
      await shot('06-test-mail');
      const mail = await waitFor('the test mail at server B', async () =>
        smtpB.received.find((m) => m.rcptTo.includes(recipient))
      );
      assert(mail.user === 'alice', `sent as ${mail.user}`);
      await page.keyboard.press('Escape');
    });

    await step('delete an account after confirming', async () => {
      await page.getByRole('button', { name: `Delete ${label('Alice News')}` }).click();
      await page.getByRole('alertdialog').getByText('Delete this SMTP account?').waitFor();
      await shot('07-delete-dialog');
      await page
        .getByRole('alertdialog')
        .getByRole('button', { name: 'Delete', exact: true })
        .click();
      await page.getByText(`${senderEmail} deleted`).first().waitFor();
      await waitFor('one row left', async () => (await page.locator('tbody tr').count()) === 1);
      assert(
        (await listAccounts()).every((a) => a.id !== newsId),
        'the account is still stored'
      );
    });

    await step('settings: validation error, module off and on', async () => {
      await page.goto(`${url}/admin/settings/smtp-accounts`);
      await heading('SMTP accounts settings');
      const enabled = page.getByLabel('Module enabled');
      assert(await enabled.isChecked(), 'the module starts disabled');
      const timeout = page.getByLabel('Verification timeout (ms)');
      await timeout.fill('10');
      await page.getByRole('button', { name: 'Save' }).click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'The settings could not be saved' })
        .waitFor();
      await shot('08-settings-validation-error');
      assert(
        (await api('GET', '/settings')).body.data.verifyTimeoutMs !== 10,
        'an invalid timeout was stored'
      );
      await timeout.fill('8000');
      await enabled.click();
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText('Settings saved').first().waitFor();
      let settings = (await api('GET', '/settings')).body.data;
      assert(
        settings.enabled === false && settings.verifyTimeoutMs === 8000,
        `settings after off: ${JSON.stringify(settings)}`
      );
      await shot('09-settings-module-off');
      await enabled.click();
      await page.getByRole('button', { name: 'Save' }).click();
      await waitFor(
        'the module on again',
        async () => (await api('GET', '/settings')).body.data.enabled === true
      );
      settings = (await api('GET', '/settings')).body.data;
      assert(settings.enabled === true, 'the module is still off');
      assert(
        settings.contentApiEmail === 'stock',
        'the content API does not reach the accounts by default'
      );
      // the content API's POST /api/email: through the accounts only when an admin says so
      const contentApi = 'Mail sent through the content API (/api/email)';
      for (const [option, value] of [
        ['Through the SMTP accounts, by its From', 'accounts'],
        ['Through the email provider of config/plugins, never an account', 'stock'],
      ]) {
        await page.getByRole('combobox', { name: contentApi }).click();
        await page.getByRole('option', { name: option, exact: true }).click();
        await page.getByRole('button', { name: 'Save' }).click();
        await waitFor(
          `contentApiEmail ${value}`,
          async () => (await api('GET', '/settings')).body.data.contentApiEmail === value
        );
      }
    });

    await readOnlyRoleSteps({
      step,
      browser,
      url,
      token,
      uniq,
      senderEmail,
      label,
      artifacts: ARTIFACTS,
      uiTimeout: UI_TIMEOUT,
      assert,
    });

    await logSteps({
      step,
      page,
      url,
      token,
      api,
      uniq,
      senderEmail,
      smtpA,
      password,
      shot,
      heading,
      chooseOption,
      waitFor,
      assert,
    });

    await issue10Steps({
      step,
      page,
      url,
      token,
      api,
      uniq,
      senderEmail,
      smtpA,
      password,
      shot,
      heading,
      waitFor,
      assert,
      label,
    });

    await campaignSteps({
      step,
      page,
      browser,
      url,
      token,
      api,
      strapi,
      uniq,
      smtpA,
      password,
      shot,
      heading,
      chooseOption,
      waitFor,
      assert,
      artifacts: ARTIFACTS,
      uiTimeout: UI_TIMEOUT,
    });

    await oauthSteps({
      step,
      page,
      url,
      api,
      uniq,
      shot,
      heading,
      chooseOption,
      waitFor,
      assert,
      cleanups,
    });

    await issue18Steps({
      step,
      page,
      url,
      token,
      api,
      strapi,
      uniq,
      smtpA,
      password,
      shot,
      heading,
      chooseOption,
      waitFor,
      assert,
      cleanups,
    });

    await step('the interface in Russian', async () => {
      await page.evaluate(() => localStorage.setItem('strapi-admin-language', 'ru'));
      await page.goto(`${url}/admin/plugins/smtp-accounts`);
      await heading('SMTP-аккаунты');
      await page.getByRole('button', { name: 'Создать аккаунт' }).waitFor();
      await page.getByRole('button', { name: 'Имя отправителя' }).waitFor();
      await shot('11-accounts-ru');
      await page.getByRole('button', { name: 'Проверка маршрутизации' }).click();
      await heading('Проверка маршрутизации');
      await page.getByRole('button', { name: 'Определить' }).waitFor();
      await shot('12-routing-ru');
      await page.goto(`${url}/admin/settings/smtp-accounts`);
      await heading('Настройки SMTP-аккаунтов');
      await page.getByText('Модуль включён').waitFor();
      await shot('13-settings-ru');
      await page.evaluate(() => localStorage.setItem('strapi-admin-language', 'en'));
    });

    await deliverabilitySteps({
      step,
      page,
      browser,
      url,
      token,
      api,
      strapi,
      dns,
      uniq,
      smtpA,
      password,
      shot,
      heading,
      chooseOption,
      waitFor,
      assert,
      artifacts: ARTIFACTS,
      uiTimeout: UI_TIMEOUT,
    });
  } catch (error) {
    results.failed += 1;
    log(`FAIL setup: ${error && error.stack ? error.stack : error}`);
  } finally {
    for (const cleanup of cleanups.reverse())
      await Promise.resolve()
        .then(cleanup)
        .catch((e) => log(`cleanup: ${e}`));
  }

  if (strapiInternal.size)
    log(`warnings of Strapi's own admin (not failing):\n  ${[...strapiInternal].join('\n  ')}`);
  console.log(`e2e: ${results.passed} passed, ${results.failed} failed`);
  return results.failed === 0 ? 0 : 1;
};

module.exports = { main };
