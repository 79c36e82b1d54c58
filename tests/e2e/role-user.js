'use strict';
/**
 * An admin user holding only the given plugin actions, made through Strapi's own admin API (role,
 * permissions, invitation, registration); signing in through the login form, a browser context logged
 * in as a user, and a user's API token.
 */
const { assert } = require('./harness');

/**
 * @param {{ url: string, token: string }} ctx
 * @param {{ role: string, actions: string[], email: string, password: string, firstname: string, lastname: string }} who
 * @returns {Promise<{ email: string, password: string }>}
 */
const createRoleUser = async ({ url, token }, who) => {
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
  const role = await adminApi('POST', '/roles', { name: who.role, description: 'e2e' });
  await adminApi('PUT', `/roles/${role.id}/permissions`, {
    permissions: who.actions.map((action) => ({
      action: `plugin::smtp-accounts.${action}`,
      subject: null,
      conditions: [],
      properties: {},
    })),
  });
  const user = await adminApi('POST', '/users', {
    email: who.email,
    firstname: who.firstname,
    lastname: who.lastname,
    roles: [role.id],
  });
  const registered = await fetch(`${url}/admin/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      registrationToken: user.registrationToken,
      userInfo: { firstname: who.firstname, lastname: who.lastname, password: who.password },
    }),
  });
  assert(registered.ok, `register answered ${registered.status}`);
  return { email: who.email, password: who.password };
};

/** Every browser context of the suite: a wide window, the admin in English. */
const CONTEXT_OPTIONS = { viewport: { width: 1440, height: 1000 }, locale: 'en-US' };

/** Signs `user` in through the admin's login form, and waits until the admin has left its /auth/ pages. */
const logIn = async (page, { url, uiTimeout }, user) => {
  await page.goto(`${url}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(user.email);
  await page.locator('input[name="password"]').fill(user.password);
  await page.getByRole('button', { name: /log ?in/i }).click();
  await page.waitForURL((u) => !u.pathname.includes('/auth/'), { timeout: uiTimeout });
};

/** A new browser context logged in as `user` through the admin's login form; close it when done. */
const loginAs = async ({ browser, url, uiTimeout }, user) => {
  const context = await browser.newContext(CONTEXT_OPTIONS);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(uiTimeout);
    await logIn(page, { url, uiTimeout }, user);
    return { context, page };
  } catch (error) {
    await context.close();
    throw error;
  }
};

/**
 * Runs `fn(page)` in a browser context logged in as `user`, closed afterwards whatever happens.
 * @param {{ browser: any, url: string, uiTimeout: number }} ctx
 */
const asUser = async (ctx, user, fn) => {
  const { context, page } = await loginAs(ctx, user);
  try {
    await fn(page);
  } finally {
    await context.close();
  }
};

/** `user`'s admin API token, from the admin's login route. */
const adminToken = async ({ url }, user) => {
  const login = await fetch(`${url}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(user),
  });
  return (await login.json()).data.token;
};

module.exports = { CONTEXT_OPTIONS, createRoleUser, logIn, loginAs, asUser, adminToken };
