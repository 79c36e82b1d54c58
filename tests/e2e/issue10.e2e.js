'use strict';
/**
 * Issue #10 in the panel: translated error codes, the module-off banner, Strapi's list conventions
 * (empty states, count, paging, clickable rows), the not-found page, the unsaved-changes guard, the
 * test-mail dialog, the health column, the send log's refresh and resend notes, the home-page widget —
 * in English and Russian. Called from panel.e2e.js (the console watch fails any step with a browser error).
 */
const { createAccount, inRussian, leaveOnUnload, postEmail } = require('./actions');
const { assert } = require('./harness');
const { startSmtpServer } = require('./smtp-server');

/** @param {Record<string, any>} ctx see panel.e2e.js */
const issue10Steps = async (ctx) => {
  const { step, page, url, api, uniq, senderEmail, smtpA, password, shot, heading, openAccounts } =
    ctx;
  leaveOnUnload(page);
  const flakyEmail = `flaky-${uniq}@example.test`;
  const bareEmail = `bare-${uniq}@example.test`;
  const ids = {};
  const sendMail = (from, subject) =>
    postEmail(ctx, { from, to: `rcpt-${uniq}@example.test`, subject, text: subject });

  await step('#10 setup: a failing account and an account without a name', async () => {
    const flaky = await startSmtpServer({ users: { flaky: password } });
    const created = await createAccount(ctx, {
      name: 'Flaky',
      email: flakyEmail,
      port: flaky.port,
      username: 'flaky',
    });
    assert(created.status === 201, `flaky account: ${JSON.stringify(created.body)}`);
    ids.flaky = created.body.data.id;
    await flaky.close();
    const bare = await createAccount(ctx, { name: '', email: bareEmail });
    assert(bare.status === 201, `bare account: ${JSON.stringify(bare.body)}`);
    ids.bare = bare.body.data.id;
    // through Strapi's email route: the flaky account's server is gone, so the mail fails (fallback "reject")
    await api('PUT', '/settings', { data: { enabled: true, fallback: 'reject' } });
    const failed = await sendMail(`Flaky <${flakyEmail}>`, `flaky-${uniq}`);
    assert(!failed.ok, 'a mail through a closed server was accepted');
  });

  await step(
    '#10 module off: a banner on every plugin page, the preview says the stock provider sends',
    async () => {
      await api('PUT', '/settings', { data: { enabled: false } });
      try {
        await openAccounts();
        const banner = page.getByTestId('module-off-banner');
        await banner.getByText('The module is switched off').waitFor();
        await banner
          .getByRole('link', { name: 'Switch it on in Settings → SMTP accounts' })
          .waitFor();
        await shot('20-module-off-banner');
        for (const path of ['log', 'routing', 'new']) {
          await page.goto(`${url}/admin/plugins/smtp-accounts/${path}`);
          await page.getByTestId('module-off-banner').waitFor();
        }
        await page.goto(`${url}/admin/plugins/smtp-accounts/routing`);
        await page.getByLabel('From').fill(`Alice Shop <${senderEmail}>`);
        await page.getByRole('button', { name: 'Resolve' }).click();
        const rule = page.getByTestId('resolved-rule');
        await rule.waitFor();
        assert(
          (await rule.getAttribute('data-rule')) === 'module-off',
          `rule while off: ${await rule.getAttribute('data-rule')}`
        );
        assert(
          /stock provider sends every mail/.test(await rule.innerText()),
          `preview text: ${await rule.innerText()}`
        );
        await shot('21-routing-module-off');
        await page.getByTestId('module-off-banner').getByRole('link').click();
        await heading('SMTP accounts settings');
        await inRussian(page, async () => {
          await page.goto(`${url}/admin/plugins/smtp-accounts`);
          await page.getByTestId('module-off-banner').getByText('Модуль выключен').waitFor();
          await shot('22-module-off-banner-ru');
        });
      } finally {
        await api('PUT', '/settings', { data: { enabled: true } });
      }
    }
  );

  await step(
    '#10 field errors by code, with the field label, en and ru; the unsaved-changes guard',
    async () => {
      const fillBad = async () => {
        await page.goto(`${url}/admin/plugins/smtp-accounts/new`);
        await page.locator('input[name="email"]').waitFor();
        await page.locator('input[name="email"]').fill('not-an-address');
        await page.locator('input[name="host"]').fill('bad host!');
        await page.locator('input[name="username"]').fill('alice');
        await page.locator('input[name="password"]').fill(password);
        await page.locator('button[type="submit"]').click();
      };
      await fillBad();
      await page.getByText('Sender email must be a valid email address').first().waitFor();
      await page.getByText('SMTP host must be a host name or an IP address').first().waitFor();
      assert(
        (await page.locator('input[name="email"]').getAttribute('aria-invalid')) === 'true',
        'the email field is not marked invalid'
      );
      assert(
        (await page.getByText(/^(email|host) must be/).count()) === 0,
        'an internal field name is shown'
      );
      await shot('23-field-errors-en');
      // leaving with edits asks first (the Content Manager's dialog and words)
      await page.getByRole('link', { name: 'Back' }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByText(/Are you sure you want to leave this page/).waitFor();
      await shot('24-unsaved-guard');
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      assert(
        page.url().endsWith('/plugins/smtp-accounts/new'),
        `the guard did not keep the page: ${page.url()}`
      );
      await page.getByRole('link', { name: 'Back' }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Confirm' }).click();
      await heading('SMTP accounts');
      await inRussian(page, async () => {
        await fillBad();
        await page
          .getByText('«Email отправителя»: введите правильный адрес электронной почты')
          .first()
          .waitFor();
        await page.getByText('«SMTP-хост»: введите имя хоста или IP-адрес').first().waitFor();
        await shot('25-field-errors-ru');
        // an SMTP failure in Russian: the stage as the title, one sentence of what to check
        await page.locator('input[name="email"]').fill(`ru-${uniq}@example.test`);
        await page.locator('input[name="host"]').fill('127.0.0.1');
        await page.locator('input[name="port"]').fill(String(smtpA.port));
        await page.locator('input[name="password"]').fill('wrong-password');
        await page.getByRole('combobox').first().click();
        await page.getByRole('option', { name: 'Без шифрования', exact: true }).click();
        await page.locator('button[type="submit"]').click();
        const alert = page.getByTestId('error-alert');
        await alert.getByText('SMTP-сервер отклонил вход').waitFor();
        await alert
          .getByText('Проверьте имя пользователя, пароль и способ аутентификации.')
          .waitFor();
        await shot('26-smtp-error-ru');
      });
    }
  );

  await step(
    '#10 the list: health column, entry count, clickable rows, empty search with an action',
    async () => {
      await openAccounts();
      const flakyRow = page.locator(`tbody tr[data-account-id="${ids.flaky}"]`);
      await flakyRow.locator('[data-health="failing"]').waitFor();
      await flakyRow.getByText('0 sent · 1 failed').waitFor();
      await page
        .locator(`tbody tr[data-account-id="${ids.bare}"] [data-health="unused"]`)
        .waitFor();
      const total = await page.getByTestId('accounts-total').innerText();
      const count = (await api('GET', '/accounts')).body.data.length;
      assert(total === `${count} accounts`, `entry count: "${total}" for ${count}`);
      await shot('27-health-column');
      await page.locator('input[name="search"]').fill(`nothing-like-this-${uniq}`);
      await page.getByText(`No account matches “nothing-like-this-${uniq}”.`).waitFor();
      await shot('28-empty-search');
      await page.getByRole('button', { name: 'Clear the search' }).last().click();
      await flakyRow.waitFor();
      await flakyRow.getByText(flakyEmail, { exact: true }).click();
      await heading(`Edit ${flakyEmail}`);
      await inRussian(page, async () => {
        await page.goto(`${url}/admin/plugins/smtp-accounts`);
        await page
          .locator(`tbody tr[data-account-id="${ids.flaky}"]`)
          .getByText('Ошибки')
          .waitFor();
        await page.locator('input[name="search"]').fill(`nothing-like-this-${uniq}`);
        await page.getByText(`Нет аккаунтов по запросу «nothing-like-this-${uniq}».`).waitFor();
        await shot('29-empty-search-ru');
      });
    }
  );

  await step('#10 not-found page for an account that does not exist (en, ru)', async () => {
    await page.goto(`${url}/admin/plugins/smtp-accounts/999999`);
    await heading('Not found');
    await page.getByRole('button', { name: 'Back to the SMTP accounts' }).waitFor();
    assert((await page.getByText(/Whoops/).count()) === 0, 'the generic error page is shown');
    await shot('30-not-found');
    await inRussian(page, async () => {
      await page.goto(`${url}/admin/plugins/smtp-accounts/999999`);
      await heading('Не найдено');
    });
  });

  await step(
    '#10 test-mail dialog: a bare address, an inline recipient check, en and ru',
    async () => {
      await openAccounts();
      await page.getByRole('button', { name: `Send test mail from ${bareEmail}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByText(`From: ${bareEmail}`, { exact: true }).waitFor();
      await dialog.getByLabel('Recipient').fill('not-an-address');
      await dialog.getByRole('button', { name: 'Send', exact: true }).click();
      await dialog.getByText('Recipient must be a valid email address').waitFor();
      // the inline message came from our submit handler: a native popup would have stopped the submit
      assert(
        await dialog.locator('form').evaluate((form) => form.noValidate),
        'the browser would show its own popup'
      );
      await shot('31-test-mail-inline-error');
      await page.keyboard.press('Escape');
      await inRussian(page, async () => {
        await page.goto(`${url}/admin/plugins/smtp-accounts`);
        await page
          .locator(`tbody tr[data-account-id="${ids.bare}"]`)
          .getByRole('button', { name: new RegExp(`Отправить.*${bareEmail}`) })
          .click();
        const ru = page.getByRole('dialog');
        await ru.getByLabel('Получатель').fill('nope');
        await ru.locator('button[type="submit"]').click();
        await ru.getByText('«Получатель»: введите правильный адрес электронной почты').waitFor();
        await page.keyboard.press('Escape');
      });
    }
  );

  await step('#10 send log: refreshes by itself, resend notes, plural recipients', async () => {
    await page.goto(`${url}/admin/plugins/smtp-accounts/log`);
    await heading('Send log');
    const subject = `auto-refresh-${uniq}`;
    const row = page.locator('tbody tr').filter({ hasText: subject });
    const res = await sendMail(bareEmail, subject);
    assert(res.ok, `mail from the bare account: ${res.status}`);
    // no click: the page polls every 5 s
    await row.waitFor({ timeout: 15000 });
    // the log steps resent the "kept" mail: the old entry says so, the new one points back to it
    const kept = page.locator('tbody tr').filter({ hasText: `kept-${uniq}` });
    await kept.getByText(/^resend of #\d+$/).waitFor();
    await kept.getByText('resent', { exact: true }).waitFor();
    await shot('32-send-log-refresh-resend-notes');
    await row.click();
    await page
      .getByRole('dialog')
      .getByText(`To: rcpt-${uniq}@example.test (1 recipient)`)
      .waitFor();
    await page.keyboard.press('Escape');
  });

  await step(
    '#10 home-page widget: figures with links into the log, failing accounts (en, ru)',
    async () => {
      await page.goto(`${url}/admin`);
      const widget = page.getByTestId('smtp-widget');
      await widget.waitFor();
      await widget.getByRole('link', { name: `Flaky <${flakyEmail}>` }).waitFor();
      const stats = (await api('GET', '/stats')).body.data;
      const failedLink = widget.locator('a[data-status="failed"]');
      assert(
        (await failedLink.innerText()).includes(String(stats.counts.failed)),
        `failed figure: ${await failedLink.innerText()}`
      );
      // the home page scrolls inside its own container: bring the widget into the screenshot
      await widget.scrollIntoViewIfNeeded();
      await shot('33-widget');
      await failedLink.click();
      await heading('Send log');
      assert(
        /status=failed/.test(page.url()) && /since=/.test(page.url()),
        `widget link: ${page.url()}`
      );
      await inRussian(page, async () => {
        await page.goto(`${url}/admin`);
        await page.getByText('Почта за последние 24 часа').waitFor();
        await page.getByTestId('smtp-widget').getByText('Аккаунты с ошибками').waitFor();
        await page.getByTestId('smtp-widget').scrollIntoViewIfNeeded();
        await shot('34-widget-ru');
      });
    }
  );
};

module.exports = { issue10Steps };
