'use strict';
/**
 * The accounts in the panel, right after the first login: a refused SMTP login shown on the form and
 * nothing stored, create, edit (a new server asks for the password again), the active switch, a second
 * account preferred for newsletters, search and sort, the routing preview, a test mail, delete after a
 * dialog, and the settings page. Called from panel.e2e.js.
 */
const { assert, waitFor } = require('./harness');

/** @param {Record<string, any>} ctx see panel.e2e.js */
const accountSteps = async (ctx) => {
  const {
    step,
    page,
    url,
    api,
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
  } = ctx;
  const listAccounts = async () => (await api('GET', '/accounts')).body.data;

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
    const alert = page.getByRole('alert').filter({ hasText: 'The SMTP server refused the login' });
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
    assert(news && news.preferForNewsletters, 'the newsletter account was not stored as preferred');
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
    await page.getByRole('button', { name: `Send test mail from ${label('Alice Shop')}` }).click();
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
    await page.getByRole('alert').filter({ hasText: 'The settings could not be saved' }).waitFor();
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
};

module.exports = { accountSteps };
