'use strict';
/**
 * The batch page's send-rate chart (issue 20): a batch queued by server code through two accounts, then its
 * page in Chromium — the chart drawn with one line per account, the legend naming both with their counts,
 * time labels, an empty state for a batch that sent nothing, and the numbers table (read while hidden, then
 * shown). Called from panel.e2e.js.
 */
const { createAccount } = require('./actions');
const { assert, waitFor } = require('./harness');

/** @param {Record<string, any>} ctx see panel.e2e.js */
const sendRateSteps = async (ctx) => {
  const { step, page, url, api, strapi, uniq, shot, heading } = ctx;
  const emails = [`chart-a-${uniq}@example.test`, `chart-b-${uniq}@example.test`];
  const tag = `Chart letter ${uniq}`;
  const PER_ACCOUNT = 3;
  const openBatch = async (batchId, title) => {
    await page.goto(`${url}/admin/plugins/smtp-accounts/campaigns/${batchId}`);
    await heading(title);
  };
  const waitDone = (batchId) =>
    waitFor(
      `batch ${batchId} done`,
      async () => (await api('GET', `/campaigns/${batchId}`)).body.data.state === 'done',
      30000
    );

  await step(
    'the batch page draws the send rate per account, with its legend and numbers',
    async () => {
      const ids = [];
      for (const [i, email] of emails.entries()) {
        const created = await createAccount(ctx, { name: `Chart ${i}`, email });
        assert(
          created.status === 200 || created.status === 201,
          `account for ${email}: ${JSON.stringify(created.body)}`
        );
        ids.push(created.body.data.id);
      }
      const batchId = await strapi.call('enqueue', {
        from: emails.map((email, i) => `Chart ${i} <${email}>`),
        count: PER_ACCOUNT * 2,
        tag,
      });
      await waitDone(batchId);
      await openBatch(batchId, tag);

      const chart = page.getByRole('img', { name: 'Send rate per account' });
      await chart.waitFor();
      const description = await chart.getAttribute('aria-labelledby');
      assert(description && description.split(' ').length === 2, 'the chart has no description');
      for (const id of ids) {
        const line = page.locator(
          `[data-testid="campaign-send-chart"] g[data-account-id="${id}"] path[data-series="sent"]`
        );
        assert((await line.count()) === 1, `no line for account #${id}`);
        assert(/^M[\d.]+ [\d.]+/.test(await line.getAttribute('d')), `account #${id}: empty line`);
      }
      const times = await page.getByTestId('campaign-chart-time').allTextContents();
      assert(
        times.length > 0 && times.every((time) => /\d{1,2}:\d{2}:\d{2}/.test(time)),
        `time labels: ${JSON.stringify(times)}`
      );

      const legend = await page.getByTestId('campaign-chart-legend').innerText();
      for (const [i, id] of ids.entries())
        assert(
          legend.includes(`#${id} ${emails[i]}: ${PER_ACCOUNT} sent, 0 failed`),
          `the legend does not name account #${id}: ${legend}`
        );

      // the numbers, read by screen readers while the table is hidden from sight (clipped to 1 px)
      const table = page.getByTestId('campaign-chart-table');
      const clipped = () =>
        table.evaluate((element) => {
          for (let node = element; node; node = node.parentElement)
            if (
              node.getBoundingClientRect().width <= 1 &&
              getComputedStyle(node).overflow === 'hidden'
            )
              return true;
          return false;
        });
      assert(await clipped(), 'the numbers table is shown before "Show the numbers"');
      for (const id of ids) {
        const cells = await table
          .locator(`td[data-account-id="${id}"][data-series="sent"]`)
          .allTextContents();
        const sum = cells.reduce((total, cell) => total + Number(cell), 0);
        assert(sum === PER_ACCOUNT, `account #${id}: the table sums to ${sum} (${cells})`);
      }
      await page.getByRole('button', { name: 'Show the numbers' }).click();
      await page.getByText(/^Mails per 1 second and account/).waitFor();
      assert(!(await clipped()), 'the numbers table is still hidden');
      await shot('36-campaign-send-rate');
      // the accounts go again: later steps expect the accounts they make on the list's first page
      for (const id of ids)
        assert((await api('DELETE', `/accounts/${id}`)).status === 200, `delete account #${id}`);
    }
  );

  await step('the send-rate chart of a batch that sent nothing says so', async () => {
    const empty = `${tag} empty`;
    const batchId = await strapi.call('enqueue', {
      from: `Chart 0 <${emails[0]}>`,
      count: 0,
      invalid: 1,
      tag: empty,
    });
    await waitDone(batchId);
    await openBatch(batchId, empty);
    await page.getByText('Nothing sent yet: the chart starts with the first mail.').waitFor();
    assert(
      (await page.getByTestId('campaign-send-chart').count()) === 0,
      'a chart was drawn for nothing'
    );
  });
};

module.exports = { sendRateSteps };
