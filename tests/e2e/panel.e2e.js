'use strict';
/**
 * End-to-end test of the admin panel: a real Strapi (playground), real SMTP servers and a real Chromium.
 * Run with `node tests/e2e/run.js`; prints progress and ends with `e2e: N passed, M failed`.
 */
const { randomBytes } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { accountSteps } = require('./accounts.e2e');
const { inRussian } = require('./actions');
const { campaignSteps } = require('./campaigns.e2e');
const { deliverabilitySteps } = require('./deliverability.e2e');
const { startDnsServer } = require('./dns-server');
const {
  CHROMIUM,
  assert,
  createStepRunner,
  launchChromium,
  log,
  screenshot,
} = require('./harness');
const { issue10Steps } = require('./issue10.e2e');
const { issue18Steps } = require('./issue18.e2e');
const { logSteps } = require('./log.e2e');
const { oauthSteps } = require('./oauth.e2e');
const { CONTEXT_OPTIONS, logIn } = require('./role-user');
const { readOnlyRoleSteps } = require('./roles.e2e');
const { sendRateSteps } = require('./send-rate.e2e');
const { startSmtpServer } = require('./smtp-server');
const { ensureAdminBuild, startStrapi, ROOT } = require('./strapi-process');

const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
const UI_TIMEOUT = 30000;

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

  const runner = createStepRunner({ artifacts: ARTIFACTS });
  const { results, step } = runner;
  const cleanups = [];

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
    log('first admin registered');

    const browser = await launchChromium(chromium, runner.watchConsole);
    cleanups.push(() => browser.close());
    const context = await browser.newContext(CONTEXT_OPTIONS);
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT);
    runner.setPage(page);
    const shot = (name) => screenshot(page, ARTIFACTS, name);
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
    /** What every step module gets (each takes the part it needs). */
    const ctx = {
      step,
      page,
      browser,
      url,
      token,
      api,
      strapi,
      dns,
      uniq,
      senderEmail,
      smtpA,
      smtpB,
      password,
      shot,
      heading,
      openAccounts,
      chooseOption,
      label,
      cleanups,
      artifacts: ARTIFACTS,
      uiTimeout: UI_TIMEOUT,
    };

    await step('log in', async () => {
      await logIn(page, ctx, admin);
      await openAccounts();
      await page.getByText('No SMTP account yet').waitFor();
      await shot('01-accounts-empty');
    });

    await accountSteps(ctx);

    await readOnlyRoleSteps(ctx);

    await logSteps(ctx);

    await issue10Steps(ctx);

    await campaignSteps(ctx);

    await sendRateSteps(ctx);

    await oauthSteps(ctx);

    await issue18Steps(ctx);

    await step('the interface in Russian', async () => {
      await inRussian(page, async () => {
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
      });
    });

    await deliverabilitySteps(ctx);
  } catch (error) {
    results.failed += 1;
    log(`FAIL setup: ${error && error.stack ? error.stack : error}`);
  } finally {
    for (const cleanup of cleanups.reverse())
      await Promise.resolve()
        .then(cleanup)
        .catch((e) => log(`cleanup: ${e}`));
  }

  const { strapiInternal } = runner;
  if (strapiInternal.size)
    log(`warnings of Strapi's own admin (not failing):\n  ${[...strapiInternal].join('\n  ')}`);
  console.log(`e2e: ${results.passed} passed, ${results.failed} failed`);
  return results.failed === 0 ? 0 : 1;
};

module.exports = { main };
