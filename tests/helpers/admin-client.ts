import type { Core } from '@strapi/strapi';

/** An answer's JSON as a test reads it: each test asserts the shape it expects, at run time. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the default of 130 `res.body.…` reads; a test that wants types passes T
export type AnswerJson = any;

export interface HttpAnswer<T = AnswerJson> {
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

  async request<T = AnswerJson>(
    method: string,
    path: string,
    body?: unknown
  ): Promise<HttpAnswer<T>> {
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

  get = <T = AnswerJson>(path: string) => this.request<T>('GET', path);
  post = <T = AnswerJson>(path: string, body?: unknown) => this.request<T>('POST', path, body);
  put = <T = AnswerJson>(path: string, body?: unknown) => this.request<T>('PUT', path, body);
  del = <T = AnswerJson>(path: string) => this.request<T>('DELETE', path);
}

const login = async (baseUrl: string, email: string, password: string) => {
  const response = await fetch(`${baseUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { data?: { token?: string; accessToken?: string } };
  const token = body.data?.accessToken ?? body.data?.token;
  if (!token)
    throw new Error(`admin login failed for ${email}: ${response.status} ${JSON.stringify(body)}`);
  return token;
};

/** Registers the first (super) admin through the real endpoint and logs in. */
export const registerSuperAdmin = async (
  baseUrl: string,
  email = 'super@admin.test',
  password = 'Sup3rSecret!pw'
) => {
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
export const createEditorAdmin = async (
  strapi: Core.Strapi,
  baseUrl: string,
  email = 'editor@admin.test',
  password = 'Edit0rSecret!pw'
) => {
  const editor = await strapi.db.query('admin::role').findOne({ where: { code: 'strapi-editor' } });
  await strapi.service('admin::user').create({
    email,
    firstname: 'Ed',
    lastname: 'Itor',
    password,
    isActive: true,
    roles: [editor.id],
  });
  return new AdminClient(baseUrl, await login(baseUrl, email, password));
};
