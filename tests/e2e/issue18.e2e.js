'use strict';
/**
 * Issue #18 in the panel, "the first ten minutes": an emptied required field is named on its field and
 * never saved as "unchanged", the password stays required through a failed save, Settings saves only a
 * change, one date format, the OAuth2 form's username and permission hints, a resend names its new entry
 * (and why it failed) with a way to it, not-found pages say what was not found and the send log and the
 * accounts table fit the window (measured, en and ru). Called from panel.e2e.js.
 */
const { createAccount, findLogged, inRussian, leaveOnUnload, postEmail } = require('./actions');
const { assert, waitFor } = require('./harness');
const { startSmtpServer } = require('./smtp-server');

/** @param {Record<string, any>} ctx see panel.e2e.js */
const issue18Steps = async (ctx) => {
  const {
    step,
    page,
    url,
    api,
    strapi,
    uniq,
    smtpA,
    password,
    shot,
    heading,
    chooseOption,
    cleanups,
  } = ctx;
  const formEmail = `form-${uniq}@example.test`;
  const ids = { form: 0, batch: 0 };
  const save = () => page.getByRole('button', { name: 'Save' });
  const openForm = async () => {
    await page.goto(`${url}/admin/plugins/smtp-accounts/${ids.form}`);
    await heading(`Edit ${formEmail}`);
  };
  leaveOnUnload(page);

  await step('#18 setup: an account to edit', async () => {
    const form = await createAccount(ctx, { name: 'Form desk', email: formEmail });
    assert(form.status === 201, `form account: ${JSON.stringify(form.body)}`);
    ids.form = form.body.data.id;
  });

  await step(
    '#18 item 1: an emptied Port (or letters) is "Port is required" on the field, no request, nothing saved',
    async () => {
      const puts = [];
      const watch = (request) => {
        if (request.method() === 'PUT' && request.url().includes('/smtp-accounts/accounts/'))
          puts.push(request.postData());
      };
      page.on('request', watch);
      try {
        await openForm();
        const port = page.getByLabel(/^Port/);
        await port.fill('');
        await save().click();
        await page.getByText('Port is required').waitFor();
        assert((await port.getAttribute('aria-invalid')) === 'true', 'the port is not invalid');
        // letters: the field drops them, so the field is empty
        await port.fill('abc');
        assert((await port.inputValue()) === '', `letters kept: ${await port.inputValue()}`);
        await save().click();
        await page.getByText('Port is required').waitFor();
        // every required field; the sender name is optional
        await page.getByLabel(/^Sender name/).fill('');
        await page.getByLabel(/^Sender email/).fill('');
        await page.getByLabel(/^SMTP host/).fill('');
        await page.getByLabel(/^Username/).fill('');
        await save().click();
        for (const text of [
          'Sender email is required',
          'SMTP host is required',
          'Port is required',
          'Username is required',
        ])
          await page.getByText(text, { exact: true }).waitFor();
        assert(
          (await page.getByText('Sender name is required').count()) === 0,
          'the optional sender name is called required'
        );
        await shot('40-required-fields');
        // a field filled in again loses its message
        await page.getByLabel(/^Port/).fill(String(smtpA.port));
        await waitFor(
          'the port message gone',
          async () => (await page.getByText('Port is required').count()) === 0
        );
        await new Promise((r) => setTimeout(r, 300));
        assert(puts.length === 0, `a save was sent: ${puts.join(' | ')}`);
        const stored = (await api('GET', `/accounts/${ids.form}`)).body.data;
        assert(
          stored.port === smtpA.port && stored.email === formEmail && stored.host === '127.0.0.1',
          `stored: ${JSON.stringify(stored)}`
        );
        await inRussian(page, async () => {
          await page.goto(`${url}/admin/plugins/smtp-accounts/${ids.form}`);
          await heading(`Изменение ${formEmail}`);
          await page.getByLabel(/^Порт/).fill('');
          await page.getByRole('button', { name: 'Сохранить' }).click();
          await page.getByText('Заполните поле «Порт»').waitFor();
          await shot('41-required-fields-ru');
        });
        assert(puts.length === 0, `a save was sent: ${puts.join(' | ')}`);
      } finally {
        page.off('request', watch);
      }
    }
  );

  await step(
    '#18 item 13: after a failed save with a changed port, the password stays required',
    async () => {
      const other = await startSmtpServer({ users: { alice: password } });
      cleanups.push(() => other.close());
      await openForm();
      const secret = page.getByLabel(/^Password/);
      const required = async () => (await secret.getAttribute('aria-required')) === 'true';
      assert(!(await required()), 'the password is required with no change');
      await page.getByLabel(/^Port/).fill(String(other.port));
      await waitFor('the password required', required);
      await secret.fill('wrong-password');
      assert(await required(), 'typing the password took its required mark away');
      await save().click();
      await page
        .getByRole('alert')
        .filter({ hasText: 'The SMTP server refused the login' })
        .waitFor();
      assert(await required(), 'after the failed save the password is not required');
      await page.getByText('Re-enter the password to send it to the new server').waitFor();
      await shot('42-password-required-after-failure');
      await secret.fill(password);
      await save().click();
      await page.getByText(`SMTP account ${formEmail} saved`).first().waitFor();
      const stored = (await api('GET', `/accounts/${ids.form}`)).body.data;
      assert(stored.port === other.port, `the new port was not saved: ${stored.port}`);
      // back to server A, which keeps running to the end of the suite
      const back = await api('PUT', `/accounts/${ids.form}`, {
        data: { port: smtpA.port, password },
      });
      assert(back.status === 200, `port back to A: ${JSON.stringify(back.body)}`);
    }
  );

  await step(
    '#18 item 14: Settings saves only a change (disabled again after a save)',
    async () => {
      await page.goto(`${url}/admin/settings/smtp-accounts`);
      await heading('SMTP accounts settings');
      assert(await save().isDisabled(), 'Save is enabled with no change');
      const days = page.getByLabel('Keep the send log (days)');
      const original = (await days.inputValue()).replace(/\D/g, '');
      const changed = String(Number(original) + 1);
      await days.fill(changed);
      await waitFor('Save enabled by a change', async () => save().isEnabled());
      await days.fill(original);
      await waitFor('Save disabled with the value back', async () => save().isDisabled());
      await days.fill(changed);
      await save().click();
      await page.getByText('Settings saved').first().waitFor();
      await waitFor('Save disabled after the save', async () => save().isDisabled());
      const stored = (await api('GET', '/settings')).body.data;
      assert(String(stored.logRetentionDays) === changed, `stored: ${stored.logRetentionDays}`);
      await days.fill(original);
      await save().click();
      await waitFor(
        'the retention back',
        async () => String((await api('GET', '/settings')).body.data.logRetentionDays) === original
      );
      await inRussian(page, async () => {
        await page.goto(`${url}/admin/settings/smtp-accounts`);
        await heading('Настройки SMTP-аккаунтов');
        assert(
          await page.getByRole('button', { name: 'Сохранить' }).isDisabled(),
          'Save (ru) is enabled with no change'
        );
      });
    }
  );

  const newsletterSubject = `Newsletter ${uniq}: our biggest spring sale starts today with new arrivals in every department and free delivery`;

  await step('#18 setup: a newsletter with a long subject, a campaign batch', async () => {
    await strapi.call('send', {
      options: {
        from: `Form desk <${formEmail}>`,
        to: `reader-${uniq}@example.test`,
        subject: newsletterSubject,
        text: 'x',
        newsletter: true,
      },
    });
    const logged = await findLogged(ctx, newsletterSubject);
    assert(logged.newsletter && logged.status === 'sent', `newsletter: ${JSON.stringify(logged)}`);
    ids.batch = await strapi.call('enqueue', { from: formEmail, count: 1, tag: `Dates ${uniq}` });
  });

  await step(
    '#18 item 14: one date format (campaign list, batch page, send log), en and ru',
    async () => {
      const batch = (await api('GET', `/campaigns/${ids.batch}`)).body.data;
      const entry = await findLogged(ctx, newsletterSubject);
      const expected = (iso, locale) =>
        page.evaluate(
          ([value, lang]) =>
            new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(
              new Date(value)
            ),
          [iso, locale]
        );
      const check = async (locale) => {
        await page.goto(`${url}/admin/plugins/smtp-accounts/campaigns`);
        const row = page.locator(`tbody tr[data-batch-id="${ids.batch}"]`);
        const listed = (await row.locator(`[title="${batch.createdAt}"]`).innerText()).trim();
        const want = await expected(batch.createdAt, locale);
        assert(listed === want, `campaign list (${locale}): "${listed}", expected "${want}"`);
        await row.click();
        await page.getByText(listed, { exact: false }).first().waitFor();
        await page.goto(`${url}/admin/plugins/smtp-accounts/log`);
        const logRow = page.locator(`tbody tr[data-log-id="${entry.id}"]`);
        const logged = (await logRow.locator(`[title="${entry.createdAt}"]`).innerText()).trim();
        const wantLog = await expected(entry.createdAt, locale);
        assert(logged === wantLog, `send log (${locale}): "${logged}", expected "${wantLog}"`);
      };
      await check('en');
      await inRussian(page, () => check('ru'));
    }
  );

  await step(
    '#18 item 14: OAuth2 form: the username follows the sender email, the permissions to grant are named',
    async () => {
      const mailbox = `mailbox-${uniq}@example.test`;
      await page.goto(`${url}/admin/plugins/smtp-accounts/new`);
      await heading('Create an SMTP account');
      await chooseOption(/^Authentication/, 'OAuth2 (XOAUTH2)');
      const username = page.getByLabel(/^Username/);
      await page.getByLabel(/^Sender email/).fill(mailbox);
      assert(
        (await username.inputValue()) === mailbox,
        `username not prefilled: "${await username.inputValue()}"`
      );
      const hint = page.getByTestId('oauth-permissions-hint');
      const microsoft = await hint.innerText();
      for (const needed of ['SMTP.Send', 'offline_access', 'https://outlook.office.com/SMTP.Send'])
        assert(microsoft.includes(needed), `Microsoft hint lacks ${needed}: ${microsoft}`);
      await shot('43-oauth-permissions-microsoft');
      await chooseOption(/^Provider/, 'Google');
      const google = await hint.innerText();
      assert(
        google.includes('https://mail.google.com/') && /offline/.test(google),
        `Google hint: ${google}`
      );
      // a username the admin typed is theirs: the email no longer overwrites it
      await username.fill(`signer-${uniq}`);
      await page.getByLabel(/^Sender email/).fill(`other-${uniq}@example.test`);
      assert(
        (await username.inputValue()) === `signer-${uniq}`,
        `typed username overwritten: ${await username.inputValue()}`
      );
      await inRussian(page, async () => {
        await page.goto(`${url}/admin/plugins/smtp-accounts/new`);
        await heading('Новый SMTP-аккаунт');
        await chooseOption(/^Аутентификация/, 'OAuth2 (XOAUTH2)');
        await page.getByLabel(/^Email отправителя/).fill(mailbox);
        assert(
          (await page.getByLabel(/^Имя пользователя/).inputValue()) === mailbox,
          'username not prefilled (ru)'
        );
        const ru = await page.getByTestId('oauth-permissions-hint').innerText();
        assert(/делегированные разрешения SMTP\.Send/.test(ru), `Microsoft hint (ru): ${ru}`);
        await shot('44-oauth-permissions-ru');
      });
    }
  );

  const downEmail = `down-${uniq}@example.test`;
  const goneEmail = `gone-${uniq}@example.test`;
  const downSubject = `down-${uniq}`;
  const goneSubject = `gone-${uniq}`;
  let settingsBefore = null;
  const sendMail = (from, subject) =>
    postEmail(ctx, { from, to: `rcpt-${uniq}@example.test`, subject, text: subject });

  await step('#18 setup: failed mails with their bodies kept', async () => {
    settingsBefore = (await api('GET', '/settings')).body.data;
    await api('PUT', '/settings', {
      data: { enabled: true, fallback: 'reject', logKeepBodies: true },
    });
    // an account whose server is gone: its mail fails, and so does every resend
    const down = await startSmtpServer({ users: { down: password } });
    const created = await createAccount(ctx, {
      name: 'Down',
      email: downEmail,
      port: down.port,
      username: 'down',
    });
    assert(created.status === 201, `down account: ${JSON.stringify(created.body)}`);
    await down.close();
    assert(!(await sendMail(`Down <${downEmail}>`, downSubject)).ok, 'the down mail was sent');
    // no account for this address yet (fallback "reject"): failed, its body kept for a resend
    assert(!(await sendMail(`Gone <${goneEmail}>`, goneSubject)).ok, 'the gone mail was sent');
  });

  await step(
    '#18 item 9: a resend that fails too names its new entry and the reason; Open goes to it',
    async () => {
      const down = await findLogged(ctx, downSubject);
      await page.goto(`${url}/admin/plugins/smtp-accounts/log`);
      await heading('Send log');
      await page.getByRole('button', { name: `Details of mail #${down.id}` }).click();
      const dialog = page.getByRole('dialog');
      const answered = page.waitForResponse((r) => r.url().endsWith(`/log/${down.id}/resend`));
      await dialog.getByRole('button', { name: 'Resend' }).click();
      const body = await (await answered).json();
      const newId = body.error && body.error.details && body.error.details.logId;
      assert(
        body.error.details.code === 'MAIL_NOT_SENT' && Number.isInteger(newId),
        `resend answer: ${JSON.stringify(body)}`
      );
      const outcome = dialog.getByTestId('resend-outcome');
      await outcome.getByText(`The resend failed too: mail #${newId}.`).waitFor();
      const reason = await outcome.getByTestId('resend-reason').innerText();
      assert(reason === body.error.message, `reason "${reason}" vs "${body.error.message}"`);
      await shot('46-resend-failed-again');
      await outcome.getByRole('button', { name: `Open mail #${newId}` }).click();
      await dialog.getByRole('heading', { name: `Mail #${newId}` }).waitFor();
      await dialog.getByText(`resend of #${down.id}`).waitFor();
      await page.keyboard.press('Escape');
    }
  );

  await step(
    '#18 item 9: a resend into a filtered view says where its entry is, and shows it',
    async () => {
      const created = await createAccount(ctx, { name: 'Gone', email: goneEmail });
      assert(created.status === 201, `gone account: ${JSON.stringify(created.body)}`);
      const gone = await findLogged(ctx, goneSubject);
      await page.goto(`${url}/admin/plugins/smtp-accounts/log?status=failed`);
      await heading('Send log');
      await page.getByRole('button', { name: `Details of mail #${gone.id}` }).click();
      const dialog = page.getByRole('dialog');
      const answered = page.waitForResponse((r) => r.url().endsWith(`/log/${gone.id}/resend`));
      await dialog.getByRole('button', { name: 'Resend' }).click();
      const { data } = await (await answered).json();
      assert(data && data.status === 'sent', `resend answer: ${JSON.stringify(data)}`);
      const outcome = dialog.getByTestId('resend-outcome');
      await outcome.getByText(`Sent again as mail #${data.logId}.`).waitFor();
      await outcome.getByText('The current filters (or page) hide it.').waitFor();
      await shot('47-resend-hidden-by-filter');
      await outcome
        .getByRole('button', { name: `Show mail #${data.logId} (clears the filters)` })
        .click();
      await page.waitForURL((u) => !u.searchParams.has('status'));
      await dialog.getByRole('heading', { name: `Mail #${data.logId}` }).waitFor();
      await page.locator(`tbody tr[data-log-id="${data.logId}"]`).waitFor();
      await page.keyboard.press('Escape');
      await page.waitForURL((u) => !u.searchParams.has('entry'));
    }
  );

  await step('#18 teardown: the settings as they were', async () => {
    const { fallback, logKeepBodies } = settingsBefore;
    await api('PUT', '/settings', { data: { fallback, logKeepBodies } });
  });

  await step(
    '#18 item 10: not-found pages say what was not found (batch, account, page, log entry)',
    async () => {
      const missing = ids.batch + 100000;
      await page.goto(`${url}/admin/plugins/smtp-accounts/campaigns/${missing}`);
      await heading('Not found');
      await page.getByText(`Campaign batch #${missing} does not exist (any more).`).waitFor();
      await page.getByRole('button', { name: 'Back to the campaigns' }).waitFor();
      assert(
        (await page
          .locator('main')
          .getByText(/account/i)
          .count()) === 0,
        'the batch page speaks of an account'
      );
      await shot('45-campaign-not-found');
      await page.getByRole('button', { name: 'Back to the campaigns' }).click();
      await heading('Campaigns');
      await page.goto(`${url}/admin/plugins/smtp-accounts/999999`);
      await page.getByText('SMTP account #999999 does not exist (any more).').waitFor();
      await page.goto(`${url}/admin/plugins/smtp-accounts/no-such-page`);
      await page.getByText('This page of the SMTP accounts does not exist.').waitFor();
      await page.goto(`${url}/admin/plugins/smtp-accounts/log?entry=999999999`);
      await page
        .getByTestId('log-entry-missing')
        .getByText('Mail #999999999 is not in this list')
        .waitFor();
      await inRussian(page, async () => {
        await page.goto(`${url}/admin/plugins/smtp-accounts/campaigns/${missing}`);
        await page.getByText(`Пакета рассылки №${missing} нет (больше нет).`).waitFor();
        await page.getByRole('button', { name: 'К списку рассылок' }).waitFor();
      });
    }
  );

  /** The send log's table: its scroll box, the subject column, and the newsletter row's subject and badge. */
  const logLayout = (subject) =>
    page.evaluate((wanted) => {
      const box = (el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width };
      };
      const table = document.querySelector('main table');
      const scroller = table.parentElement;
      const headers = [...table.querySelectorAll('thead th')];
      const column = headers.findIndex((th) => /^(subject|тема)$/i.test(th.textContent.trim()));
      const row = [...table.querySelectorAll('tbody tr')].find((tr) =>
        tr.textContent.includes(wanted)
      );
      const cell = row.children[column];
      const leaves = [...cell.querySelectorAll('*')].filter((el) => el.children.length === 0);
      const text = leaves.find((el) => el.textContent.trim() === wanted);
      const badge = leaves.find((el) => /^(newsletter|рассылка)$/i.test(el.textContent.trim()));
      return {
        overflow: scroller.scrollWidth - scroller.clientWidth,
        pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        column: headers[column].getBoundingClientRect().width,
        cell: box(cell),
        text: box(text),
        badge: box(badge),
        title: (text.closest('[title]') && text.closest('[title]').getAttribute('title')) || '',
      };
    }, subject);
  const overlaps = (a, b) =>
    a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;

  await step(
    '#18 item 11: the send log at 1440 px: the subject has room, no overlap, en and ru',
    async () => {
      await page.setViewportSize({ width: 1440, height: 1000 });
      const check = async (lang) => {
        await page.goto(`${url}/admin/plugins/smtp-accounts/log`);
        await page.locator('tbody tr').filter({ hasText: newsletterSubject }).waitFor();
        const m = await logLayout(newsletterSubject);
        const seen = `${lang}: ${JSON.stringify(m)}`;
        assert(m.overflow <= 1, `the log table scrolls sideways (${seen})`);
        assert(m.pageOverflow <= 0, `the page scrolls sideways (${seen})`);
        assert(m.column >= 240, `the subject column is narrow (${seen})`);
        assert(!overlaps(m.text, m.badge), `the badge overlaps the subject (${seen})`);
        assert(m.text.right <= m.cell.right + 1, `the subject spills out of its cell (${seen})`);
        assert(
          m.title === newsletterSubject,
          `the subject has no title to read it in full (${seen})`
        );
      };
      await check('en');
      await shot('48-send-log-1440');
      await inRussian(page, async () => {
        await check('ru');
        await shot('49-send-log-1440-ru');
      });
    }
  );

  /** The accounts table: does it scroll sideways, and is every row's health and every action in view? */
  const accountsLayout = () =>
    page.evaluate(() => {
      const table = document.querySelector('main table');
      const scroller = table.parentElement;
      const view = scroller.getBoundingClientRect();
      const headers = [...table.querySelectorAll('thead th')];
      const healthColumn = headers.findIndex((th) =>
        /^(last 24 h|за 24 ч)$/i.test(th.textContent.trim())
      );
      const hidden = [];
      for (const row of table.querySelectorAll('tbody tr')) {
        const cells = healthColumn >= 0 ? [row.children[healthColumn]] : [];
        const targets = [...cells, ...row.lastElementChild.querySelectorAll('button')];
        for (const el of targets) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.left < view.left - 1 || r.right > view.right + 1)
            hidden.push(
              `${row.getAttribute('data-account-id')}: ${el.tagName} ${el.getAttribute('aria-label') || ''}`
            );
        }
      }
      return {
        healthColumn,
        overflow: scroller.scrollWidth - scroller.clientWidth,
        pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        rows: table.querySelectorAll('tbody tr').length,
        hidden,
      };
    });

  await step(
    '#18 item 11: the accounts table at 800 px keeps health and actions in view, en and ru',
    async () => {
      try {
        for (const width of [800, 1440]) {
          await page.setViewportSize({ width, height: 1000 });
          const check = async (lang) => {
            await page.goto(`${url}/admin/plugins/smtp-accounts`);
            await page.locator(`tbody tr[data-account-id="${ids.form}"]`).waitFor();
            const m = await accountsLayout();
            const seen = `${width} px, ${lang}: ${JSON.stringify(m)}`;
            assert(m.healthColumn >= 0, `no health column (${seen})`);
            assert(m.overflow <= 1, `the accounts table scrolls sideways (${seen})`);
            assert(m.pageOverflow <= 0, `the page scrolls sideways (${seen})`);
            assert(m.hidden.length === 0, `out of view (${seen})`);
          };
          await check('en');
          await shot(`50-accounts-${width}`);
          await inRussian(page, async () => {
            await check('ru');
            await shot(`51-accounts-${width}-ru`);
          });
        }
      } finally {
        await page.setViewportSize({ width: 1440, height: 1000 });
      }
    }
  );
};

module.exports = { issue18Steps };
