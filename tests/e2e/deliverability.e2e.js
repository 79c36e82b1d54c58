'use strict';
/**
 * Deliverability in the panel (issue 19): a sending domain added and its TXT record copied, published in a
 * local DNS server (dns-server.js) that the plugin's domain check asks; the domain badge in the accounts list
 * and the domain check in the account form before and after; signing off and on, a new selector, a new key,
 * delete; the Suppressions page (add, search in the address bar, reason filter, remove, CSV import through
 * the file input, CSV export as a download); a newsletter batch that skips a suppressed recipient; a role
 * that may only read the suppression list; the two settings; both pages in Russian. Called from panel.e2e.js.
 */
const fs = require('node:fs');
const { createAccount, inRussian } = require('./actions');
const { assert, waitFor, screenshot } = require('./harness');
const { asUser, createRoleUser } = require('./role-user');

/** @param {Record<string, any>} ctx see panel.e2e.js */
const deliverabilitySteps = async (ctx) => {
  const {
    step,
    page,
    url,
    api,
    strapi,
    dns,
    uniq,
    shot,
    heading,
    openAccounts,
    chooseOption,
    artifacts,
  } = ctx;
  const domain = `deliv-${uniq}.test`;
  const email = `news@${domain}`;
  const plugin = `${url}/admin/plugins/smtp-accounts`;
  let accountId = 0;
  let record = '';

  const account = async () => (await api('GET', `/accounts/${accountId}`)).body.data;
  const domains = async () => (await api('GET', '/domains')).body.data;
  const suppressions = async (query = '') => (await api('GET', `/suppressions${query}`)).body.data;
  const clipboard = () => page.evaluate(() => navigator.clipboard.readText());
  const notification = (text) => page.getByText(text, { exact: true }).first().waitFor();
  const checkSection = () => page.getByTestId('domain-check');
  const resultOf = (part) => checkSection().locator(`tr[data-check="${part}"] [data-result]`);

  await step(
    'deliverability: the accounts list badges the domain check, its tooltip names what fails',
    async () => {
      // SPF allows the account's server, DMARC is published, no DKIM key yet: "Warning"
      dns.set(domain, { txt: ['v=spf1 ip4:127.0.0.1 -all'] });
      dns.set(`_dmarc.${domain}`, { txt: ['v=DMARC1; p=none; rua=mailto:dmarc@' + domain] });
      const created = await createAccount(ctx, { name: 'News', email });
      assert(created.status === 201, `account for ${email}: ${JSON.stringify(created.body)}`);
      accountId = created.body.data.id;
      // the list, opened at once: the check runs in the background after the save, and the list
      // loads once more a moment later to show it
      await openAccounts();
      await page.getByRole('button', { name: 'Deliverability' }).waitFor();
      await page.getByRole('button', { name: 'Suppressions' }).waitFor();
      const row = page.locator(`tbody tr[data-account-id="${accountId}"]`);
      const badge = row.getByTestId('domain-check-badge');
      await badge.locator('[data-domain-status="warning"]').waitFor();
      // textContent: the badge's CSS writes it in capitals
      assert((await badge.textContent()).includes('Domain: Warning'), await badge.textContent());
      await badge.hover();
      const tooltip = page.getByRole('tooltip').first();
      await tooltip.waitFor();
      const tip = await tooltip.innerText();
      assert(tip.includes(domain) && tip.includes('DKIM: no key'), `the tooltip: ${tip}`);
      assert(!tip.includes('SPF'), `the tooltip names SPF, which passes: ${tip}`);
      await shot('40-accounts-domain-badge');
      const checked = (await account()).domainCheck;
      assert(
        checked.status === 'warning' &&
          checked.spf.result === 'pass' &&
          checked.dkim.result === 'nokey' &&
          checked.dmarc.result === 'present',
        `the check: ${JSON.stringify(checked)}`
      );
      await page.mouse.move(0, 0);
    }
  );

  await step(
    'deliverability: the account form shows the domain check and links to adding the missing key',
    async () => {
      await page.goto(`${plugin}/${accountId}`);
      await heading(`Edit ${email}`);
      await checkSection().getByRole('heading', { name: 'Domain check' }).waitFor();
      assert(
        (await checkSection().getAttribute('data-status')) === 'warning',
        'the section is not "warning"'
      );
      assert((await resultOf('spf').getAttribute('data-result')) === 'pass', 'SPF');
      assert((await resultOf('dkim').getAttribute('data-result')) === 'nokey', 'DKIM');
      assert((await resultOf('dmarc').getAttribute('data-result')) === 'present', 'DMARC');
      const text = await checkSection().innerText();
      for (const part of [
        'v=spf1 ip4:127.0.0.1 -all',
        "This account's server: 127.0.0.1",
        'Policy: none',
        `Mail From ${domain} is not signed`,
      ])
        assert(text.includes(part), `the section does not show "${part}": ${text}`);
      await checkSection().scrollIntoViewIfNeeded();
      await shot('41-account-domain-check-nokey');
      await page.getByRole('link', { name: `Add a DKIM key for ${domain}` }).click();
      // the page opens with "Add domain" (which hides the page's heading from the accessibility tree)
      await page.getByRole('dialog').getByText('Add a sending domain').waitFor();
      assert(new URL(page.url()).pathname.endsWith('/deliverability'), page.url());
      assert(
        (await page.getByLabel(/^Domain/).inputValue()) === domain,
        'the domain is not filled in from the link'
      );
    }
  );

  await step(
    'deliverability: add a domain; its DNS name and TXT record are shown, copied and published',
    async () => {
      await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
      await page.getByLabel(/^Selector/).fill('s1');
      await page.getByRole('button', { name: 'Make the key' }).click();
      const modal = page.getByRole('dialog');
      await modal.getByText(`DNS record for ${domain}`).waitFor();
      const [stored] = await domains();
      assert(stored && stored.domain === domain && stored.selector === 's1', 'not stored');
      assert(!('privateKey' in stored), 'the private key is answered');
      const name = await modal.getByTestId('dns-name').inputValue();
      record = await modal.getByTestId('dns-record').inputValue();
      assert(name === `s1._domainkey.${domain}`, `the name: ${name}`);
      assert(record === stored.dnsRecord && /^v=DKIM1; k=rsa; p=\S{300,}$/.test(record), record);
      await modal.getByRole('button', { name: 'Copy the record' }).click();
      await notification('Copied');
      assert((await clipboard()) === record, 'the clipboard does not hold the record');
      await shot('42-dns-record-copied');
      await modal.getByRole('button', { name: 'Copy the name' }).click();
      await waitFor('the name in the clipboard', async () => (await clipboard()) === name);
      // what the admin pasted into the DNS
      dns.set(name, { txt: [record] });
      await modal.getByRole('button', { name: 'Close', exact: true }).click();
      const row = page.locator(`tbody tr[data-domain="${domain}"]`);
      await row.waitFor();
      assert((await row.innerText()).includes('s1'), 'the row does not show the selector');
    }
  );

  await step(
    'deliverability: a domain with a key already and a malformed domain are refused on their field',
    async () => {
      await page.getByRole('button', { name: 'Add domain' }).click();
      const field = page.getByLabel(/^Domain/);
      await field.fill(domain);
      await page.getByRole('button', { name: 'Make the key' }).click();
      await page.getByText('This domain has a DKIM key already').waitFor();
      assert((await field.getAttribute('aria-invalid')) === 'true', 'the field is not invalid');
      await field.fill('not a domain');
      await page.getByRole('button', { name: 'Make the key' }).click();
      await page.getByText('Enter a domain name, such as example.com').waitFor();
      await shot('43-add-domain-error');
      await page.getByRole('button', { name: 'Cancel' }).click();
      assert((await domains()).length === 1, 'a refused domain was stored');
    }
  );

  await step(
    'deliverability: "Check now" finds the published key: DKIM passes, status OK',
    async () => {
      await page.goto(`${plugin}/${accountId}`);
      await heading(`Edit ${email}`);
      await page.getByRole('button', { name: 'Check now' }).click();
      await waitFor(
        'the status OK',
        async () => (await checkSection().getAttribute('data-status')) === 'ok'
      );
      assert((await resultOf('dkim').getAttribute('data-result')) === 'pass', 'DKIM');
      assert(
        (await checkSection().innerText()).includes(record),
        'the section does not show the published record'
      );
      await checkSection().scrollIntoViewIfNeeded();
      await shot('44-account-domain-check-ok');
      await page.goto(plugin);
      await page
        .locator(`tbody tr[data-account-id="${accountId}"] [data-domain-status="ok"]`)
        .waitFor();
    }
  );

  await step(
    'deliverability: signing off and on, a new selector, a new key after a warning, delete',
    async () => {
      await page.getByRole('button', { name: 'Deliverability' }).click();
      await heading('Deliverability');
      const row = page.locator(`tbody tr[data-domain="${domain}"]`);
      const signing = row.getByRole('switch', { name: `Sign mail From ${domain}` });
      await signing.click();
      await notification(`Mail From ${domain} is no longer signed`);
      assert((await domains())[0].active === false, 'still signing');
      await signing.click();
      await notification(`Mail From ${domain} is signed`);
      assert((await domains())[0].active === true, 'not signing');

      const modal = page.getByRole('dialog');
      await row.getByRole('button', { name: `Change the selector of ${domain}` }).click();
      await page.getByLabel(/^Selector/).fill('s2');
      await page.getByRole('button', { name: 'Make a new key' }).click();
      await modal.getByText('A new selector and key pair').waitFor();
      assert(
        (await modal.getByTestId('dns-name').inputValue()) === `s2._domainkey.${domain}`,
        'the new name'
      );
      const second = await modal.getByTestId('dns-record').inputValue();
      assert(second !== record, 'a new selector kept the old key');
      await modal.getByRole('button', { name: 'Close', exact: true }).click();

      await row.getByRole('button', { name: `Make a new key for ${domain}` }).click();
      const confirm = page.getByRole('alertdialog');
      await confirm.getByText('Publish the new record first').waitFor();
      await page.waitForTimeout(300); // the dialog fades in
      await shot('45-rotate-confirm');
      await confirm.getByRole('button', { name: 'Make a new key' }).click();
      await modal.getByText('A new key pair: publish this record now').waitFor();
      const third = await modal.getByTestId('dns-record').inputValue();
      assert(third !== second && third === (await domains())[0].dnsRecord, 'the rotated record');
      await modal.getByRole('button', { name: 'Close', exact: true }).click();

      await row.getByRole('button', { name: `Delete the key of ${domain}` }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Delete the key' }).click();
      await notification(`The DKIM key of ${domain} is deleted`);
      await page.getByText('No sending domain yet').waitFor();
      assert((await domains()).length === 0, 'the domain is still stored');
    }
  );

  const manual = `manual-${uniq}@example.test`;
  const bounced = `bounced-${uniq}@example.test`;
  await step(
    'suppressions: add an address, search (in the address bar), filter by reason, remove',
    async () => {
      await page.getByRole('button', { name: 'Suppressions' }).click();
      await heading('Suppressions');
      await page.getByText('No suppressed address').waitFor();
      await page.getByRole('button', { name: 'Add address' }).click();
      await page.getByLabel(/^Address/).fill(manual);
      assert((await page.getByLabel(/^Scope/).inputValue()) === '*', 'the scope is not *');
      await page.getByRole('button', { name: 'Suppress', exact: true }).click();
      await notification(`${manual} gets no more newsletters`);
      const manualRow = page.locator(`tbody tr[data-address="${manual}"]`);
      await manualRow.locator('[data-reason="manual"]').waitFor();
      assert((await manualRow.innerText()).includes('All newsletters'), 'the scope reads');
      const added = await api('POST', '/suppressions', {
        data: { address: bounced, reason: 'bounce' },
      });
      assert(added.status === 201, JSON.stringify(added.body));

      const rows = page.locator('tbody tr');
      await page.locator('input[name="q"]').fill(`manual-${uniq}`);
      await page.waitForURL((u) => u.searchParams.get('q') === `manual-${uniq}`);
      await waitFor('one row found', async () => (await rows.count()) === 1);
      await page.reload();
      await heading('Suppressions');
      await waitFor('the search kept over a reload', async () => (await rows.count()) === 1);
      assert(
        (await page.locator('input[name="q"]').inputValue()) === `manual-${uniq}`,
        'the search box lost the search'
      );
      await page.getByRole('button', { name: 'Clear the search' }).click();
      await waitFor('both rows', async () => (await rows.count()) === 2);
      await chooseOption('Reason', 'Hard bounce');
      await page.waitForURL((u) => u.searchParams.get('reason') === 'bounce');
      await waitFor('the bounce only', async () => (await rows.count()) === 1);
      assert((await rows.first().getAttribute('data-address')) === bounced, 'not the bounce');
      await shot('46-suppressions-filtered');
      await chooseOption('Reason', 'Any reason');
      await waitFor('both rows again', async () => (await rows.count()) === 2);

      await manualRow.getByRole('button', { name: `Remove ${manual}` }).click();
      await page.getByRole('alertdialog').getByRole('button', { name: 'Remove' }).click();
      await notification(`${manual} gets newsletters again`);
      await waitFor('the row gone', async () => (await manualRow.count()) === 0);
      assert(
        (await suppressions(`?q=${encodeURIComponent(manual)}`)).length === 0,
        'still suppressed'
      );
    }
  );

  await step(
    'suppressions: CSV import through the file input, CSV export as a download',
    async () => {
      const csv = [
        'address,scope,reason',
        `imported-a-${uniq}@example.test`,
        `imported-b-${uniq}@example.test,weekly,unsubscribe`,
        bounced,
        'not-an-address',
        `imported-c-${uniq}@example.test,*,angry`,
      ].join('\n');
      await page.getByRole('button', { name: 'Import CSV' }).click();
      await page.locator('input[type="file"][name="csv"]').setInputFiles({
        name: 'unsubscribed.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csv),
      });
      await page.getByTestId('import-file-name').getByText('unsubscribed.csv').waitFor();
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      const result = page.getByTestId('import-result');
      await result.waitFor();
      const text = await result.innerText();
      assert(text.includes('Added 2, already there 1, refused 2.'), `the result: ${text}`);
      const refused = await page.getByTestId('import-refused').innerText();
      assert(/Line 5: .*email/.test(refused) && /Line 6: .*reason/.test(refused), refused);
      await shot('47-suppressions-import');
      await page
        .getByRole('dialog')
        .getByRole('contentinfo')
        .getByRole('button', { name: 'Close' })
        .click();
      await page.locator(`tbody tr[data-address="imported-b-${uniq}@example.test"]`).waitFor();
      const weekly = page.locator(`tbody tr[data-address="imported-b-${uniq}@example.test"]`);
      assert((await weekly.innerText()).includes('weekly'), 'the scope of a list');

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ]);
      assert(
        /^suppressions-\d{4}-\d\d-\d\d\.csv$/.test(download.suggestedFilename()),
        download.suggestedFilename()
      );
      const exported = fs.readFileSync(await download.path(), 'utf8');
      assert(exported.startsWith('address,scope,reason,detail,createdAt\r\n'), exported);
      for (const address of [bounced, `imported-a-${uniq}@example.test`])
        assert(exported.includes(address), `the export lacks ${address}`);
      assert(
        exported.includes(`imported-b-${uniq}@example.test,weekly,unsubscribe,imported,`),
        exported
      );
    }
  );

  await step(
    'suppressions: a newsletter batch skips a suppressed recipient; the campaign counts it and links to the log',
    async () => {
      const recipient = `letter-${uniq}-`;
      await api('POST', '/suppressions', { data: { address: `${recipient}1@example.test` } });
      const batchId = await strapi.call('enqueue', {
        from: `News <${email}>`,
        count: 3,
        tag: `Letter ${uniq}`,
        newsletter: true,
        recipient,
      });
      const counts = await waitFor(
        'two sent, one suppressed',
        async () => {
          const { counts: now } = (await api('GET', `/campaigns/${batchId}`)).body.data;
          return now.sent === 2 && now.suppressed === 1 ? now : null;
        },
        30000
      );
      assert(counts.failed === 0, JSON.stringify(counts));
      await page.goto(`${plugin}/campaigns/${batchId}`);
      await page.getByTestId('count-suppressed').getByText('1', { exact: true }).waitFor();
      await shot('48-campaign-suppressed');
      await page.getByRole('link', { name: 'Its mails not sent to suppressed addresses' }).click();
      await heading('Send log');
      await page.waitForURL(
        (u) =>
          u.searchParams.get('status') === 'suppressed' &&
          u.searchParams.get('batchId') === String(batchId)
      );
      const rows = page.locator('tbody tr');
      await waitFor('the suppressed mail alone', async () => (await rows.count()) === 1);
      const row = rows.first();
      assert((await row.getAttribute('data-status')) === 'suppressed', 'not suppressed');
      const text = await row.innerText();
      assert(
        text.includes(`${recipient}1@example.test`) &&
          /suppressed/i.test(text) &&
          text.includes('on the suppression list'),
        `the row: ${text}`
      );
      await shot('49-log-suppressed');
    }
  );

  await step(
    'suppressions: a role that may only read them sees the list and Export, no Add, Import or Remove',
    async () => {
      const reader = await createRoleUser(ctx, {
        role: `Suppression reader ${uniq}`,
        actions: ['suppressions.read'],
        email: `suppression-reader-${uniq}@example.test`,
        password: `Supp-${uniq}-Reader1`,
        firstname: 'Suppression',
        lastname: 'Reader',
      });
      await asUser(ctx, reader, async (readerPage) => {
        // the menu link shows for suppressions.read alone, and the plugin's index leads here
        await readerPage.getByRole('link', { name: 'SMTP accounts' }).first().click();
        await readerPage.getByRole('heading', { name: 'Suppressions', exact: true }).waitFor();
        await readerPage.locator(`tbody tr[data-address="${bounced}"]`).waitFor();
        await readerPage.getByRole('button', { name: 'Export CSV' }).waitFor();
        for (const name of ['Add address', 'Import CSV', 'Deliverability'])
          assert(
            (await readerPage.getByRole('button', { name }).count()) === 0,
            `the reader sees "${name}"`
          );
        assert(
          (await readerPage.getByRole('button', { name: /^Remove / }).count()) === 0,
          'the reader sees Remove'
        );
        await screenshot(readerPage, artifacts, '50-suppressions-reader');
        await readerPage.goto(`${plugin}/deliverability`);
        await readerPage.getByText(/don.t have the permissions/i).waitFor();
      });
    }
  );

  await step(
    'settings: hard bounces onto the suppression list, and more newsletter headers',
    async () => {
      await page.goto(`${url}/admin/settings/smtp-accounts`);
      await heading('SMTP accounts settings');
      const bounces = page.getByLabel('Suppress addresses that bounce');
      assert(await bounces.isChecked(), 'hard bounces are not suppressed by default');
      await page.getByText('A 4xx reply never does').waitFor();
      await bounces.click();
      await page.getByLabel('More newsletter headers').fill('X-Campaign-Id, X-Mailer-List');
      await page.getByRole('button', { name: 'Save' }).click();
      await waitFor('the settings saved', async () => {
        const { data } = (await api('GET', '/settings')).body;
        return data.suppressHardBounces === false && /X-Campaign-Id/.test(data.newsletterHeaders);
      });
      await shot('51-settings-deliverability');
      await bounces.click();
      await page.getByRole('button', { name: 'Save' }).click();
      await waitFor(
        'hard bounces on again',
        async () => (await api('GET', '/settings')).body.data.suppressHardBounces === true
      );
    }
  );

  await step('deliverability: the Deliverability and Suppressions pages in Russian', async () => {
    await inRussian(page, async () => {
      await page.goto(`${plugin}/deliverability`);
      await heading('Доставляемость');
      await page.getByRole('button', { name: 'Добавить домен' }).first().waitFor();
      await page.getByText('Доменов отправки пока нет').waitFor();
      await page.getByRole('button', { name: 'Добавить домен' }).first().click();
      await page.getByRole('dialog').getByText('Добавить домен отправки').waitFor();
      await page.getByRole('button', { name: 'Создать ключ' }).waitFor();
      await shot('52-deliverability-ru');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: 'Стоп-лист' }).click();
      await heading('Стоп-лист');
      for (const name of ['Добавить адрес', 'Экспорт CSV', 'Импорт CSV'])
        await page.getByRole('button', { name }).waitFor();
      await page.getByText('Жёсткий отказ').first().waitFor();
      await page.getByText('Все рассылки').first().waitFor();
      await shot('53-suppressions-ru');
      await page.goto(`${plugin}/${accountId}`);
      await page.getByRole('heading', { name: 'Проверка домена' }).waitFor();
      await page.getByRole('button', { name: 'Проверить сейчас' }).waitFor();
    });
  });
};

module.exports = { deliverabilitySteps };
