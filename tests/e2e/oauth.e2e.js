'use strict';
/**
 * Issue #11 in the panel: an OAuth2 (XOAUTH2) account made in the form, Connect through a real local
 * OAuth 2.0 server's consent page and back through the panel's callback page, a test mail over XOAUTH2,
 * the alert settings, and the OAuth fields in Russian. Called from panel.e2e.js (console watch included).
 */
const { inRussian } = require('./actions');
const { assert, waitFor } = require('./harness');
const { startOAuthServer } = require('./oauth-server');
const { startSmtpServer } = require('./smtp-server');

/** @param {Record<string, any>} ctx see panel.e2e.js */
const oauthSteps = async (ctx) => {
  const { step, page, url, api, uniq, shot, heading, openAccounts, chooseOption, cleanups } = ctx;
  const email = `oauth-${uniq}@example.test`;
  const name = 'OAuth Desk';
  const mailbox = `mailbox-${uniq}`;
  let oauth = null;
  let smtp = null;
  let accountId = 0;

  await step('#11 setup: a local OAuth 2.0 server and an XOAUTH2 SMTP server', async () => {
    oauth = await startOAuthServer();
    cleanups.push(() => oauth.close());
    smtp = await startSmtpServer({ xoauth2: (_user, token) => oauth.isValidAccessToken(token) });
    cleanups.push(() => smtp.close());
  });

  await step(
    '#11 the OAuth2 form: provider preset, generic URLs, no password field, redirect URI',
    async () => {
      await page.goto(`${url}/admin/plugins/smtp-accounts/new`);
      await heading('Create an SMTP account');
      await chooseOption(/^Authentication/, 'OAuth2 (XOAUTH2)');
      // Microsoft 365 is the first preset: its SMTP server fills in on a new account
      await waitFor(
        'the preset host',
        async () => (await page.getByLabel(/^SMTP host/).inputValue()) === 'smtp.office365.com'
      );
      assert(
        (await page.getByLabel(/^Port/).inputValue()) === '587',
        'the preset port did not fill in'
      );
      await page.getByLabel(/^Tenant id/).waitFor();
      assert(
        (await page.locator('input[type="password"]').count()) === 1,
        'expected the client secret as the only secret field'
      );
      assert(
        (await page.getByLabel(/^Password/).count()) === 0,
        'the password field is shown for OAuth2'
      );
      await chooseOption(/^Provider/, 'Other OAuth2 provider');
      assert(
        (await page.getByLabel(/^Tenant id/).count()) === 0,
        'the tenant field is shown for a generic provider'
      );
      const redirectUri = await page.getByTestId('oauth-redirect-uri').textContent();
      assert(
        redirectUri === `${url}/admin/plugins/smtp-accounts/oauth/callback`,
        `wrong redirect URI: ${redirectUri}`
      );
      await page.getByLabel(/^Sender name/).fill(name);
      await page.getByLabel(/^Sender email/).fill(email);
      await page.getByLabel(/^SMTP host/).fill('127.0.0.1');
      await chooseOption(/^Security/, 'None');
      await page.getByLabel(/^Port/).fill(String(smtp.port));
      await page.getByLabel(/^Username/).fill(mailbox);
      await page.getByLabel(/^Client id/).fill(oauth.clientId);
      await page.getByLabel(/^Client secret/).fill(oauth.clientSecret);
      await page.getByLabel(/^Authorization URL/).fill(oauth.authorizeUrl);
      await page.getByLabel(/^Token URL/).fill(oauth.tokenUrl);
      await page.getByLabel(/^Scope/).fill('smtp');
      await shot('30-oauth-form');
    }
  );

  await step('#11 save: the account waits for Connect ("Not connected")', async () => {
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText(`SMTP account ${email} created`).first().waitFor();
    await heading(`Edit ${email}`);
    await page.getByTestId('oauth-status').filter({ hasText: 'Not connected' }).waitFor();
    const stored = (await api('GET', '/accounts')).body.data.find((a) => a.email === email);
    assert(
      stored && stored.oauthStatus === 'pending' && stored.hasClientSecret,
      `stored: ${JSON.stringify(stored)}`
    );
    assert(
      !JSON.stringify(stored).includes(oauth.clientSecret),
      'the API answer carries the client secret'
    );
    accountId = stored.id;
    // Connect waits for unsaved changes to be saved
    await page.getByLabel(/^Scope/).fill('smtp mail');
    assert(
      await page.getByRole('button', { name: 'Connect', exact: true }).isDisabled(),
      'Connect is enabled with unsaved changes'
    );
    await page.getByLabel(/^Scope/).fill('smtp');
    assert(
      await page.getByRole('button', { name: 'Connect', exact: true }).isEnabled(),
      'Connect stays disabled'
    );
  });

  await step(
    '#11 Connect: the consent page, Approve, back through the callback page: Connected',
    async () => {
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.waitForURL((u) => u.origin === oauth.url);
      await page.getByRole('heading', { name: 'Allow SMTP access' }).waitFor();
      await shot('31-oauth-consent');
      await page.getByRole('button', { name: 'Approve' }).click();
      await page.getByText(`${email} is connected`).first().waitFor();
      await page.waitForURL((u) => u.pathname === `/admin/plugins/smtp-accounts/${accountId}`);
      await page.getByTestId('oauth-status').filter({ hasText: 'Connected' }).waitFor();
      await page.getByRole('button', { name: 'Reconnect', exact: true }).waitFor();
      await shot('32-oauth-connected');
      assert(oauth.stats.codeGrants === 1, `code grants: ${oauth.stats.codeGrants}`);
      assert(
        smtp.auths.some((a) => a.method === 'XOAUTH2' && a.user === mailbox && a.ok),
        `no XOAUTH2 login: ${JSON.stringify(smtp.auths)}`
      );
    }
  );

  await step('#11 a used sign-in link is refused with the translated message', async () => {
    await page.goto(
      `${url}/admin/plugins/smtp-accounts/oauth/callback?code=used&state=not-a-state`
    );
    await page
      .getByText('This sign-in link expired or was already used: click Connect again')
      .first()
      .waitFor();
    await page.getByRole('link', { name: 'Back to the account' }).click();
    await heading(`Edit ${email}`);
  });

  await step('#11 a test mail goes out over XOAUTH2', async () => {
    const recipient = `oauth-rcpt-${uniq}@example.test`;
    await openAccounts();
    await page.getByRole('button', { name: `Send test mail from ${name} <${email}>` }).click();
    await heading('Send a test mail');
    await page.getByLabel('Recipient').fill(recipient);
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    await page.getByText('Test mail sent').waitFor();
    const mail = await waitFor('the test mail at the XOAUTH2 server', async () =>
      smtp.received.find((m) => m.rcptTo.includes(recipient))
    );
    assert(mail.user === mailbox, `sent as ${mail.user}`);
    await page.keyboard.press('Escape');
  });

  await step('#11 settings: alert recipients and the re-check interval', async () => {
    await page.goto(`${url}/admin/settings/smtp-accounts`);
    await heading('SMTP accounts settings');
    await page.getByLabel(/^Alert recipients/).fill(`ops-${uniq}@example.test`);
    await page.getByLabel(/^Re-check accounts every/).fill('15');
    await page.getByTestId('webhook-events-hint').waitFor();
    await shot('33-settings-alerts');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved').first().waitFor();
    const settings = (await api('GET', '/settings')).body.data;
    assert(
      settings.alertRecipients === `ops-${uniq}@example.test` &&
        settings.recheckIntervalMinutes === 15,
      `settings: ${JSON.stringify(settings)}`
    );
    await api('PUT', '/settings', { data: { alertRecipients: '', recheckIntervalMinutes: 0 } });
  });

  await step('#11 the OAuth2 fields in Russian', async () => {
    await inRussian(page, async () => {
      await page.goto(`${url}/admin/plugins/smtp-accounts/${accountId}`);
      await heading(`Изменение ${email}`);
      await page.getByTestId('oauth-status').filter({ hasText: 'Подключён' }).waitFor();
      await page.getByRole('button', { name: 'Переподключить', exact: true }).waitFor();
      await page.getByLabel(/^Провайдер/).waitFor();
      await page.getByLabel(/^Секрет приложения/).waitFor();
      await page.getByText('URI перенаправления', { exact: true }).waitFor();
      await shot('34-oauth-ru');
    });
  });
};

module.exports = { oauthSteps };
