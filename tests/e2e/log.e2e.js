'use strict';
/**
 * The send log in the panel: mail sent through Strapi's email plugin shows up with its status,
 * filters go to the address bar, a failed mail's attempts are shown, and a kept body can be resent.
 * Called from panel.e2e.js with the running Strapi, the signed-in page and the test helpers.
 */
const { createAccount, findLogged, inRussian, postEmail } = require('./actions');
const { assert, waitFor } = require('./harness');

/** @param {Record<string, any>} ctx see panel.e2e.js */
const logSteps = async (ctx) => {
  const {
    step,
    page,
    url,
    api,
    uniq,
    senderEmail,
    smtpA,
    shot,
    heading,
    openAccounts,
    chooseOption,
  } = ctx;
  const lost = `lost-${uniq}@example.test`;
  const subjects = {
    noBody: `no-body-${uniq}`,
    kept: `kept-${uniq}`,
    sent: `sent-${uniq}`,
    fallback: `fallback-${uniq}`,
  };
  const logRow = (subject) => page.locator('tbody tr').filter({ hasText: subject });

  /** Strapi's own admin email route (`POST /email`), i.e. what any plugin calling the email service does. */
  const sendMail = (from, subject) =>
    postEmail(ctx, {
      from,
      to: `rcpt-${uniq}@example.test`,
      cc: `copy-${uniq}@example.test`,
      subject,
      text: `body of ${subject}`,
    });

  await step('settings: send-log retention and kept bodies', async () => {
    await api('PUT', '/settings', { data: { fallback: 'reject', logKeepBodies: false } });
    let res = await sendMail(`Nobody <${lost}>`, subjects.noBody);
    assert(!res.ok, 'a mail matching no account was accepted with the fallback "reject"');

    await page.goto(`${url}/admin/settings/smtp-accounts`);
    await heading('SMTP accounts settings');
    await page.getByText('Needed to resend a failed mail').waitFor();
    const keepBodies = page.getByLabel('Keep message bodies');
    assert(!(await keepBodies.isChecked()), 'keep bodies starts on');
    await page.getByLabel('Keep the send log (days)').fill('90');
    await keepBodies.click();
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved').first().waitFor();
    const settings = (await api('GET', '/settings')).body.data;
    assert(
      settings.logRetentionDays === 90 && settings.logKeepBodies === true,
      `log settings: ${JSON.stringify(settings)}`
    );
    await shot('14-settings-send-log');

    res = await sendMail(`Lost <${lost}>`, subjects.kept);
    assert(!res.ok, 'the second unmatched mail was accepted');
    res = await sendMail(`Alice Shop <${senderEmail}>`, subjects.sent);
    assert(res.ok, `the matched mail failed: ${res.status} ${await res.text()}`);
    await api('PUT', '/settings', { data: { fallback: 'provider' } });
    res = await sendMail(`Nobody <${lost}>`, subjects.fallback);
    assert(res.ok, `the provider fallback failed: ${res.status}`);
    const bad = await api('GET', '/log?status=lost');
    assert(
      bad.status === 400 && /status must be one of/.test(bad.body.error.message),
      `a bad filter: ${JSON.stringify(bad)}`
    );
  });

  await step('the log page lists sent, fallback and failed mail', async () => {
    await openAccounts();
    await page.getByRole('button', { name: 'Send log' }).click();
    await heading('Send log');
    for (const subject of Object.values(subjects)) await findLogged(ctx, subject);
    await page.getByRole('button', { name: 'Refresh' }).click();
    const expected = {
      [subjects.noBody]: 'Failed',
      [subjects.kept]: 'Failed',
      [subjects.sent]: 'Sent',
      [subjects.fallback]: 'Via provider',
    };
    for (const [subject, status] of Object.entries(expected)) {
      const row = logRow(subject);
      await row.waitFor();
      const text = await row.innerText();
      // the badge is upper-cased by CSS, which innerText reflects
      assert(
        text.toLowerCase().includes(status.toLowerCase()),
        `row "${subject}" does not say ${status}: ${text}`
      );
      assert(
        text.includes(`rcpt-${uniq}@example.test`) && text.includes('+1 more'),
        `row "${subject}" misses the recipients: ${text}`
      );
    }
    const sentRow = await logRow(subjects.sent).innerText();
    assert(/name \+ address/.test(sentRow), `the sent row does not name its rule: ${sentRow}`);
    await logRow(subjects.sent)
      .getByRole('link', { name: new RegExp(senderEmail.replace(/\./g, '\\.')) })
      .waitFor();
    await shot('15-send-log');
  });

  await step('filter by status and From (in the address bar)', async () => {
    await chooseOption('Status', 'Failed');
    await page.waitForURL((u) => u.searchParams.get('status') === 'failed');
    await waitFor('only failed rows', async () => {
      const statuses = await page
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
      return statuses.length >= 2 && statuses.every((s) => s === 'failed');
    });
    await page.getByLabel('From contains').fill('lost <');
    await page.waitForURL((u) => u.searchParams.get('from') === 'lost <');
    await waitFor(
      'one row from "Lost"',
      async () => (await page.locator('tbody tr').count()) === 1
    );
    await logRow(subjects.kept).waitFor();
    await page.reload();
    await heading('Send log');
    await logRow(subjects.kept).waitFor();
    assert(
      (await page.getByLabel('From contains').inputValue()) === 'lost <',
      'the From filter was lost on reload'
    );
    await shot('16-send-log-filtered');
    await page.getByRole('button', { name: 'Reset filters' }).click();
    await logRow(subjects.sent).waitFor();
  });

  await step('a mail without a kept body shows its attempts and cannot be resent', async () => {
    await logRow(subjects.noBody).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('No account was tried').waitFor();
    await dialog.getByText('its body was not kept').waitFor();
    assert(
      (await dialog.getByRole('button', { name: 'Resend' }).count()) === 0,
      'a Resend button without a body'
    );
    await page.keyboard.press('Escape');
    const entry = await findLogged(ctx, subjects.noBody);
    const res = await api('POST', `/log/${entry.id}/resend`);
    assert(
      res.status === 400 && /body was not kept/.test(res.body.error.message),
      `resend without a body: ${JSON.stringify(res)}`
    );
  });

  await step('resend a failed mail once a matching account exists', async () => {
    const created = await createAccount(ctx, { name: 'Lost', email: lost });
    assert(
      created.status === 200 || created.status === 201,
      `account for ${lost}: ${JSON.stringify(created.body)}`
    );
    await page
      .getByRole('button', {
        name: `Details of mail #${(await findLogged(ctx, subjects.kept)).id}`,
      })
      .click();
    const dialog = page.getByRole('dialog');
    const resend = dialog.getByRole('button', { name: 'Resend' });
    await resend.click();
    // a second click while the first is in flight must not send twice
    await resend.click({ timeout: 1000 }).catch(() => undefined);
    // the new entry by its number, in the list (no filter hides it)
    await dialog.getByText(/^Sent again as mail #\d+\.$/).waitFor();
    await dialog.getByText('It is in the list below.').waitFor();
    // the entry is resent once: Resend is disabled, then gone once the list reloads (canResend is false)
    assert(
      (await resend.count()) === 0 || (await resend.isDisabled()),
      'Resend can be clicked again after a success'
    );
    await shot('17-send-log-resent');
    const mail = await waitFor('the resent mail at server A', async () =>
      smtpA.received.find((m) => m.subject === subjects.kept)
    );
    assert(mail.mailFrom === lost && mail.rcptTo.length === 2, `resent as ${JSON.stringify(mail)}`);
    await new Promise((r) => setTimeout(r, 500));
    assert(
      smtpA.received.filter((m) => m.subject === subjects.kept).length === 1,
      'the mail was resent more than once'
    );
    await page.keyboard.press('Escape');
    await waitFor('a sent row for the resent mail', async () => {
      const statuses = await logRow(subjects.kept).evaluateAll((rows) =>
        rows.map((r) => r.getAttribute('data-status'))
      );
      return statuses.includes('sent') && statuses.includes('failed');
    });
  });

  await step('the send log in Russian', async () => {
    await inRussian(page, async () => {
      await page.goto(`${url}/admin/plugins/smtp-accounts/log?status=failed`);
      await heading('Журнал отправки');
      await page.getByRole('button', { name: 'Сбросить фильтры' }).waitFor();
      await page.getByText('Попытки', { exact: true }).waitFor();
      await logRow(subjects.noBody).getByText('Ошибка').waitFor();
      await shot('18-send-log-ru');
      await logRow(subjects.noBody).click();
      await page.getByRole('dialog').getByText('его текст не сохранялся').waitFor();
      await shot('19-send-log-details-ru');
      await page.keyboard.press('Escape');
    });
  });
};

module.exports = { logSteps };
