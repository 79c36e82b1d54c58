import type { Core } from '@strapi/strapi';
import { AdminClient } from './admin-client';

let seq = 0;

/**
 * An admin whose only role holds exactly `actions` (fully-qualified action ids, no conditions),
 * created through Strapi's role and user services, logged in through the real endpoint.
 */
export const createAdminWithActions = async (
  strapi: Core.Strapi,
  baseUrl: string,
  actions: string[]
) => {
  const n = ++seq;
  const role = await strapi
    .service('admin::role')
    .create({ name: `Only ${actions.join(' + ') || 'nothing'} #${n}`, description: 'test role' });
  await strapi.service('admin::role').assignPermissions(
    role.id,
    actions.map((action) => ({ action, subject: null, properties: {}, conditions: [] }))
  );
  const email = `role-${n}-${Date.now()}@admin.test`;
  const password = `Role${n}-Secret!pw`;
  await strapi.service('admin::user').create({
    email,
    firstname: 'Role',
    lastname: `N${n}`,
    password,
    isActive: true,
    roles: [role.id],
  });
  const response = await fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { data?: { token?: string; accessToken?: string } };
  const token = body.data?.accessToken ?? body.data?.token;
  if (!token)
    throw new Error(
      `login failed for a role with ${actions.join(', ')}: ${response.status} ${JSON.stringify(body)}`
    );
  return new AdminClient(baseUrl, token);
};
