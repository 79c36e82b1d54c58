'use strict';
/**
 * Campaigns in the panel (issue 12): an account's sending limit set in its form, a batch queued by server
 * code inside the running Strapi (IPC, tests/helpers/strapi-child.js), its progress in the list, its page
 * with the per-account breakdown, Pause / Resume / Cancel, links into the send log, a role that may only
 * read campaigns, and the limitOverflow setting. Called from panel.e2e.js.
 */
const { createAccount, inRussian } = require('./actions');
const { assert, waitFor, screenshot } = require('./harness');
const { adminToken, asUser, createRoleUser } = require('./role-user');

/** @param {Record<string, any>} ctx see panel.e2e.js */
const campaignSteps = async (ctx) => {
  const {
    step,
    page,
    url,
    api,
    strapi,
    uniq,
    smtpA,
    shot,
    heading,
    openAccounts,
    chooseOption,
    artifacts,
  } = ctx;
  const email = `campaign-${uniq}@example.test`;
  const tag = `Spring letter ${uniq}`;
  const TOTAL = 6;
  const LIMIT = 2;
  let accountId = 0;
  let batchId = 0;
  const batchStatus = async () => (await api('GET', `/campaigns/${batchId}`)).body.data;
  const campaignMails = () => smtpA.received.filter((m) => m.subject.startsWith(tag));
  const stateBadge = () => page.getByTestId('campaign-state').first();
  const waitForState = (state) =>
    waitFor(
      `the state badge "${state}"`,
      async () => (await stateBadge().getAttribute('data-state')) === state
    );

  await step(
    'account form: a sending limit of 0 or -1 is refused on its field, 2 a minute is saved',
    async () => {
      const created = await createAccount(ctx, { name: 'Campaign', email });
      assert(
        created.status === 200 || created.status === 201,
        `account for ${email}: ${JSON.stringify(created.body)}`
      );
      accountId = created.body.data.id;
      await page.goto(`${url}/admin/plugins/smtp-accounts/${accountId}`);
      await heading(`Edit ${email}`);
      const perMinute = page.getByLabel('Mails per minute');
      await page.getByText('Empty: no limit').first().waitFor();
      for (const wrong of ['0', '-1']) {
        await perMinute.fill(wrong);
        await page.getByRole('button', { name: 'Save' }).click();
        await page
          .getByText(/Mails per minute must be between 1 and 10\D?000\D?000/)
          .first()
          .waitFor();
        assert(
          (await perMinute.getAttribute('aria-invalid')) === 'true',
          `the limit field is not marked invalid for ${wrong}`
        );
        const stored = (await api('GET', `/accounts/${accountId}`)).body.data;
        assert(
          stored.limitPerMinute === null,
          `a limit of ${wrong} was stored: ${stored.limitPerMinute}`
        );
      }
      await shot('30-account-limit-error');
      await perMinute.fill(String(LIMIT));
      // a limit is no destination change: no password asked
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText(`SMTP account ${email} saved`).first().waitFor();
      const stored = (await api('GET', `/accounts/${accountId}`)).body.data;
      assert(
        stored.limitPerMinute === LIMIT &&
          stored.limitPerHour === null &&
          stored.limitPerDay === null,
        `limits stored: ${JSON.stringify(stored)}`
      );
    }
  );

  await step(
    'account form: the limits can count recipients (issue 20), saved without a password',
    async () => {
      await page.goto(`${url}/admin/plugins/smtp-accounts/${accountId}`);
      await heading(`Edit ${email}`);
      await page.getByText('Exchange Online and Gmail count recipients').first().waitFor();
      await chooseOption('The limits count', 'Recipients (each mail counts its To, Cc and Bcc)');
      await page.getByRole('button', { name: 'Save' }).click();
      await page.getByText(`SMTP account ${email} saved`).first().waitFor();
      const stored = (await api('GET', `/accounts/${accountId}`)).body.data;
      assert(stored.limitCounts === 'recipients', `limitCounts stored: ${stored.limitCounts}`);
      // back to messages through the API: the campaign below counts mails
      const back = await api('PUT', `/accounts/${accountId}`, {
        data: { limitCounts: 'messages' },
      });
      assert(back.status === 200, `limitCounts back to messages: ${JSON.stringify(back.body)}`);
    }
  );

  await step(
    'the Campaigns page: empty, then a queued batch with its progress (held by the limit)',
    async () => {
      await openAccounts();
      await page.getByRole('button', { name: 'Campaigns' }).click();
      await heading('Campaigns');
      await page.getByText('No campaign yet').waitFor();
      await page.getByText('there is no button or route that queues mail here').waitFor();

      batchId = await strapi.call('enqueue', {
        from: `Campaign <${email}>`,
        count: TOTAL,
        invalid: 1,
        tag,
      });
      assert(Number.isInteger(batchId) && batchId > 0, `enqueue answered ${batchId}`);
      // the limit lets two through in this minute; the rest wait
      await waitFor(
        'two mails sent',
        async () => (await batchStatus()).counts.sent === LIMIT,
        30000
      );
      const row = page.locator(`tbody tr[data-batch-id="${batchId}"]`);
      // the list refreshes itself every 5 s while a batch is not finished
      await waitFor(
        'the batch in the list with 2 of 6 done',
        async () =>
          (await row.count()) === 1 && (await row.innerText()).includes(`${LIMIT} of ${TOTAL}`),
        20000
      );
      const text = await row.innerText();
      assert(text.includes(tag), `the row does not name the campaign: ${text}`);
      assert(/sending/i.test(text), `the row is not "Sending": ${text}`);
      assert(
        (await row.getByTestId('campaign-progress').getAttribute('data-percent')) ===
          String(Math.floor((LIMIT * 100) / TOTAL)),
        'the progress bar is wrong'
      );
      assert(/\/ min/.test(text), `no rate in the row: ${text}`);
      await waitFor(
        '"1 batch" under the list',
        async () => (await page.getByTestId('campaigns-total').innerText()) === '1 batch'
      );
      await shot('31-campaigns-list');
      await new Promise((r) => setTimeout(r, 1500));
      assert(
        campaignMails().length === LIMIT,
        `the limit let ${campaignMails().length} mails through`
      );
    }
  );

  await step(
    'the batch page: counts, per account, rejection, pause, resume, cancel after confirming',
    async () => {
      await page.locator(`tbody tr[data-batch-id="${batchId}"]`).click();
      await heading(tag);
      await waitFor(
        'the sent count',
        async () => (await page.getByTestId('count-sent').innerText()) === String(LIMIT)
      );
      assert(
        (await page.getByTestId('count-queued').innerText()) === String(TOTAL - LIMIT),
        'queued count'
      );
      assert((await page.getByTestId('count-rejected').innerText()) === '1', 'rejected count');
      const share = page.locator(`tr[data-account-id="${accountId}"]`);
      await share.getByRole('link', { name: `#${accountId} ${email}` }).waitFor();
      assert(
        (await share.innerText()).includes(String(LIMIT)),
        `the account row: ${await share.innerText()}`
      );
      await page
        .locator('tr[data-rejection-code="INVALID_MAIL"]')
        .getByText('Not a valid mail')
        .waitFor();
      await shot('32-campaign-detail');

      await page.getByRole('button', { name: 'Pause' }).click();
      await page.getByText('The campaign is paused').first().waitFor();
      await waitForState('paused');
      assert((await batchStatus()).state === 'paused', 'the server did not pause');
      await page.getByRole('button', { name: 'Resume' }).click();
      await waitForState('active');
      assert((await batchStatus()).state === 'active', 'the server did not resume');

      await page.getByRole('button', { name: 'Cancel', exact: true }).click();
      const dialog = page.getByRole('alertdialog');
      await dialog.getByText('Cancel this campaign?').waitFor();
      await dialog
        .getByText(`${TOTAL - LIMIT} messages not sent yet are cancelled for good`)
        .waitFor();
      await shot('33-campaign-cancel-dialog');
      await dialog.getByRole('button', { name: 'Cancel the campaign' }).click();
      await waitForState('cancelled');
      const status = await batchStatus();
      assert(
        status.state === 'cancelled' &&
          status.counts.cancelled === TOTAL - LIMIT &&
          status.counts.sent === LIMIT,
        `after cancel: ${JSON.stringify(status.counts)}`
      );
      await waitFor(
        'the cancelled count',
        async () =>
          (await page.getByTestId('count-cancelled').innerText()) === String(TOTAL - LIMIT)
      );
      assert(
        await page.getByRole('button', { name: 'Cancel', exact: true }).isDisabled(),
        'Cancel is still enabled on a cancelled batch'
      );
      assert(
        await page.getByRole('button', { name: 'Pause' }).isDisabled(),
        'Pause is still enabled on a cancelled batch'
      );
      assert(
        (await page.getByTestId('campaign-progress').first().getAttribute('data-percent')) ===
          '100',
        'a cancelled batch is not at 100 %'
      );
      const again = await api('POST', `/campaigns/${batchId}/cancel`);
      assert(
        again.status === 400 && again.body.error.details.code === 'BATCH_FINISHED',
        `a second cancel: ${JSON.stringify(again.body)}`
      );
      assert(campaignMails().length === LIMIT, `mails after cancel: ${campaignMails().length}`);
      await shot('34-campaign-cancelled');
    }
  );

  await step(
    'the batch in the send log: filter in the address bar, Message-ID and a link back',
    async () => {
      await page.getByRole('link', { name: 'This batch in the send log' }).click();
      await heading('Send log');
      await page.waitForURL((u) => u.searchParams.get('batchId') === String(batchId));
      assert(
        (await page.getByLabel('Campaign batch').inputValue()) === String(batchId),
        'the batch filter field is empty'
      );
      await waitFor('only the batch rows', async () => {
        const rows = await page.locator('tbody tr').allInnerTexts();
        return rows.length === LIMIT && rows.every((r) => r.includes(tag));
      });
      const entries = (await api('GET', `/log?batchId=${batchId}`)).body.data;
      assert(
        entries.length === LIMIT && entries.every((e) => e.batchId === batchId && e.messageId),
        `the batch's log entries: ${JSON.stringify(entries)}`
      );
      await page.getByRole('button', { name: `Details of mail #${entries[0].id}` }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByTestId('log-message-id').waitFor();
      const shown = await dialog.getByTestId('log-message-id').innerText();
      assert(shown === `Message-ID: ${entries[0].messageId}`, `the dialog shows ${shown}`);
      const received = campaignMails().find((m) => m.subject === entries[0].subject);
      assert(
        received && received.messageId === entries[0].messageId,
        'the Message-ID shown is not the one the server received'
      );
      await shot('35-send-log-batch');
      await dialog.getByRole('link', { name: `batch #${batchId}` }).click();
      await heading(tag);
      // the failed-only link keeps the batch
      await page.goto(`${url}/admin/plugins/smtp-accounts/log?batchId=${batchId}&status=failed`);
      await page.getByText('No mail matches these filters yet.').waitFor();
      await page.getByRole('button', { name: 'Reset filters' }).click();
      await page.waitForURL((u) => !u.searchParams.has('batchId'));
    }
  );

  await step('an unknown batch is the not-found page', async () => {
    await page.goto(`${url}/admin/plugins/smtp-accounts/campaigns/${batchId + 1000}`);
    await heading('Not found');
    await page.goto(`${url}/admin/plugins/smtp-accounts/campaigns/nope`);
    await heading('Not found');
  });

  await step(
    'a role with campaigns.read only: the menu leads to Campaigns, no Pause / Cancel, the server refuses them',
    async () => {
      const viewer = await createRoleUser(ctx, {
        role: `Campaign viewer ${uniq}`,
        actions: ['campaigns.read'],
        email: `campaign-viewer-${uniq}@example.test`,
        password: `C4mpaign-${uniq}-Pass`,
        firstname: 'Campaign',
        lastname: 'Viewer',
      });
      const viewerToken = await adminToken(ctx, viewer);
      for (const action of ['pause', 'resume', 'cancel']) {
        const res = await fetch(`${url}/smtp-accounts/campaigns/${batchId}/${action}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${viewerToken}` },
        });
        assert(res.status === 403, `${action} by a campaigns.read role answered ${res.status}`);
      }
      const read = await fetch(`${url}/smtp-accounts/campaigns/${batchId}`, {
        headers: { Authorization: `Bearer ${viewerToken}` },
      });
      assert(read.status === 200, `reading a batch answered ${read.status}`);

      // a second, paused batch: the one place Pause / Resume / Cancel would be offered
      const pausedId = await strapi.call('enqueue', {
        from: `Campaign <${email}>`,
        count: 2,
        tag: `${tag} paused`,
      });
      await api('POST', `/campaigns/${pausedId}/pause`);
      await asUser(ctx, viewer, async (viewerPage) => {
        // the plugin's menu link shows for campaigns.read alone, and leads to the campaigns
        await viewerPage.getByRole('link', { name: 'SMTP accounts' }).first().click();
        await viewerPage.getByRole('heading', { name: 'Campaigns', exact: true }).first().waitFor();
        await viewerPage.waitForURL((u) => u.pathname.endsWith('/plugins/smtp-accounts/campaigns'));
        await viewerPage.locator(`tbody tr[data-batch-id="${pausedId}"]`).click();
        await viewerPage
          .getByRole('heading', { name: `${tag} paused`, exact: true })
          .first()
          .waitFor();
        await viewerPage
          .getByTestId('campaign-state')
          .and(viewerPage.locator('[data-state="paused"]'))
          .waitFor();
        for (const name of ['Pause', 'Resume', 'Cancel']) {
          const buttons = viewerPage.getByRole('button', { name, exact: true });
          const enabled = await buttons.evaluateAll(
            (all) =>
              all.filter((b) => !b.disabled && b.getAttribute('aria-disabled') !== 'true').length
          );
          assert(enabled === 0, `a campaigns.read role has an enabled "${name}"`);
        }
        // no log.read: no links into the send log
        assert(
          (await viewerPage.getByRole('link', { name: 'This batch in the send log' }).count()) ===
            0,
          'a role without log.read sees the log link'
        );
        await screenshot(viewerPage, artifacts, '36-campaign-read-only');
      });
      // a page left open while another admin cancels: Resume is answered 400 BATCH_FINISHED, shown translated
      await page.goto(`${url}/admin/plugins/smtp-accounts/campaigns/${pausedId}`);
      await page.getByRole('button', { name: 'Resume' }).waitFor();
      const cancelled = await api('POST', `/campaigns/${pausedId}/cancel`);
      assert(
        cancelled.status === 200 && cancelled.body.data.state === 'cancelled',
        `cancel by API: ${JSON.stringify(cancelled.body)}`
      );
      await page.getByRole('button', { name: 'Resume' }).click();
      const alert = page
        .getByRole('alert')
        .filter({ hasText: 'The campaign could not be changed' });
      await alert
        .getByText(
          'This campaign batch has finished: there is nothing left to pause, resume or cancel'
        )
        .waitFor();
      await waitForState('cancelled');
    }
  );

  await step('settings: what an account at its limit does (limitOverflow) is saved', async () => {
    await page.goto(`${url}/admin/settings/smtp-accounts`);
    await heading('SMTP accounts settings');
    await page.getByText('"next" never picks an account the rule would not choose').waitFor();
    await chooseOption('An account at its limit', 'Use the next account the rule allows');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Settings saved').first().waitFor();
    assert(
      (await api('GET', '/settings')).body.data.limitOverflow === 'next',
      'limitOverflow was not saved'
    );
    await shot('37-settings-limit-overflow');
    await chooseOption('An account at its limit', 'Wait for room');
    await page.getByRole('button', { name: 'Save' }).click();
    await waitFor(
      'limitOverflow back to wait',
      async () => (await api('GET', '/settings')).body.data.limitOverflow === 'wait'
    );
  });

  await step('the campaigns in Russian', async () => {
    await inRussian(page, async () => {
      await page.goto(`${url}/admin/plugins/smtp-accounts/campaigns`);
      await heading('Рассылки');
      await page.locator(`tbody tr[data-batch-id="${batchId}"]`).getByText('Отменена').waitFor();
      await page.locator(`tbody tr[data-batch-id="${batchId}"]`).click();
      await page.getByText('По аккаунтам').waitFor();
      await page.getByRole('link', { name: 'Этот пакет в журнале отправки' }).waitFor();
      await shot('38-campaign-ru');
    });
  });
};

module.exports = { campaignSteps };
