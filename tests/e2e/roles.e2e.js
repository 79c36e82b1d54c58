'use strict';
/**
 * A role with only accounts.read and settings.read: the panel hides every action it may not perform,
 * and the send log (log.read) shows the no-permission state. Called from panel.e2e.js.
 */
const path = require('node:path');

/** @param {Record<string, any>} ctx see panel.e2e.js */
const readOnlyRoleSteps = async ({
  step,
  browser,
  url,
  token,
  uniq,
  senderEmail,
  label,
  artifacts,
  uiTimeout,
  assert,
}) => {
  await step('a read-only role sees no create, edit, delete or test buttons', async () => {
    const adminApi = async (method, route, body) => {
      const res = await fetch(`${url}/admin${route}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body ? JSON.stringify(body) : undefined,
      });
      const text = await res.text();
      assert(res.ok, `${method} /admin${route} answered ${res.status}: ${text}`);
      return JSON.parse(text).data;
    };
    const role = await adminApi('POST', '/roles', {
      name: `SMTP viewer ${uniq}`,
      description: 'e2e',
    });
    await adminApi('PUT', `/roles/${role.id}/permissions`, {
      permissions: ['accounts.read', 'settings.read'].map((action) => ({
        action: `plugin::smtp-accounts.${action}`,
        subject: null,
        conditions: [],
        properties: {},
      })),
    });
    const viewer = { email: `viewer-${uniq}@example.test`, password: `V1ewer-${uniq}-Pass` };
    const user = await adminApi('POST', '/users', {
      email: viewer.email,
      firstname: 'View',
      lastname: 'Only',
      roles: [role.id],
    });
    const registered = await fetch(`${url}/admin/register`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        registrationToken: user.registrationToken,
        userInfo: { firstname: 'View', lastname: 'Only', password: viewer.password },
      }),
    });
    assert(registered.ok, `register answered ${registered.status}`);

    const viewerContext = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      locale: 'en-US',
    });
    try {
      const viewerPage = await viewerContext.newPage();
      viewerPage.setDefaultTimeout(uiTimeout);
      await viewerPage.goto(`${url}/admin/auth/login`);
      await viewerPage.locator('input[name="email"]').fill(viewer.email);
      await viewerPage.locator('input[name="password"]').fill(viewer.password);
      await viewerPage.getByRole('button', { name: /log ?in/i }).click();
      await viewerPage.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: uiTimeout });
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
      await viewerPage.screenshot({
        path: path.join(artifacts, '10-accounts-read-only.png'),
        fullPage: true,
      });
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
      await viewerPage.screenshot({
        path: path.join(artifacts, '10-settings-read-only.png'),
        fullPage: true,
      });
    } finally {
      await viewerContext.close();
    }
  });
};

module.exports = { readOnlyRoleSteps };
