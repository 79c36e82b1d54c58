import type { Core } from '@strapi/strapi';

export interface HttpAnswer<T = any> {
  status: number;
  body: T;
  text: string;
}

/** A small admin API client: JSON in, JSON out, with an admin's bearer token. */
export class AdminClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown): Promise<HttpAnswer<T>> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, text };
  }

  get = <T = any>(path: string) => this.request<T>('GET', path);
  post = <T = any>(path: string, body?: unknown) => this.request<T>('POST', path, body);
  put = <T = any>(path: string, body?: unknown) => this.request<T>('PUT', path, body);
  del = <T = any>(path: string) => this.request<T>('DELETE', path);
}

const login = async (baseUrl: string, email: string, password: string) => {
  const response = await fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { data?: { token?: string; accessToken?: string } };
  const token = body.data?.accessToken ?? body.data?.token;
  if (!token) throw new Error(`admin login failed for ${email}: ${response.status} ${JSON.stringify(body)}`);
  return token;
};

/** Registers the first (super) admin through the real endpoint and logs in. */
export const registerSuperAdmin = async (baseUrl: string, email = 'super@admin.test', password = 'Sup3rSecret!pw') => {
  const response = await fetch(`${baseUrl}/admin/register-admin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password, firstname: 'Super', lastname: 'Admin' }),
  });
  if (response.status !== 200 && response.status !== 201) {
    throw new Error(`register-admin failed: ${response.status} ${await response.text()}`);
  }
  return new AdminClient(baseUrl, await login(baseUrl, email, password));
};

/** An admin with the built-in Editor role, which has none of the plugin's actions. */
export const createEditorAdmin = async (strapi: Core.Strapi, baseUrl: string, email = 'editor@admin.test', password = 'Edit0rSecret!pw') => {
  const editor = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
  await strapi.service('admin::user').create({ email, firstname: 'Ed', lastname: 'Itor', password, isActive: true, roles: [editor.id] });
  return new AdminClient(baseUrl, await login(baseUrl, email, password));
};
