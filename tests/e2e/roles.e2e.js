'use strict';
/**
 * A role with only accounts.read and settings.read: the panel hides every action it may not perform,
 * and the send log (log.read) shows the no-permission state. Called from panel.e2e.js.
 */
const { assert, screenshot } = require('./harness');
const { asUser, createRoleUser } = require('./role-user');

/** @param {Record<string, any>} ctx see panel.e2e.js */
const readOnlyRoleSteps = async (ctx) => {
  const { step, url, uniq, senderEmail, label, artifacts } = ctx;
  await step('a read-only role sees no create, edit, delete or test buttons', async () => {
    const viewer = await createRoleUser(ctx, {
      role: `SMTP viewer ${uniq}`,
      actions: ['accounts.read', 'settings.read'],
      email: `viewer-${uniq}@example.test`,
      password: `V1ewer-${uniq}-Pass`,
      firstname: 'View',
      lastname: 'Only',
    });
    await asUser(ctx, viewer, async (viewerPage) => {
      await viewerPage.goto(`${url}/admin/plugins/smtp-accounts`);
      await viewerPage
        .getByRole('heading', { name: 'SMTP accounts', exact: true })
        .first()
        .waitFor();
      await viewerPage.locator('tbody tr').filter({ hasText: senderEmail }).first().waitFor();
      for (const name of [
        'Create account',
        `Edit ${label('Alice Shop')}`,
        `Delete ${label('Alice Shop')}`,
        `Send test mail from ${label('Alice Shop')}`,
      ]) {
        assert(
          (await viewerPage.getByRole('button', { name }).count()) === 0,
          `a read-only role sees "${name}"`
        );
      }
      assert(
        (await viewerPage.getByRole('switch').count()) === 0,
        'a read-only role sees the active switch'
      );
      await viewerPage.getByRole('button', { name: 'Routing preview' }).waitFor();
      assert(
        (await viewerPage.getByRole('button', { name: 'Send log' }).count()) === 0,
        'a role without log.read sees "Send log"'
      );
      await screenshot(viewerPage, artifacts, '10-accounts-read-only');
      await viewerPage.goto(`${url}/admin/plugins/smtp-accounts/log`);
      await viewerPage
        .getByText(/don.t have the permissions/i)
        .first()
        .waitFor();
      await viewerPage.goto(`${url}/admin/settings/smtp-accounts`);
      await viewerPage
        .getByRole('heading', { name: 'SMTP accounts settings', exact: true })
        .waitFor();
      assert(
        (await viewerPage.getByRole('button', { name: 'Save' }).count()) === 0,
        'a read-only role sees Save in settings'
      );
      await screenshot(viewerPage, artifacts, '10-settings-read-only');
    });
  });
};

module.exports = { readOnlyRoleSteps };
