import type { FetchClient } from '@strapi/strapi/admin';
import { PLUGIN_ID } from '../../../shared/constants';
import type {
  CompleteOAuth,
  CreateAccount,
  DeleteAccount,
  GetAccount,
  ListAccounts,
  SendTestMail,
  StartOAuth,
  UpdateAccount,
} from '../../../shared/contracts/accounts';
import type {
  ChangeBatch,
  GetBatch,
  GetBatchTimeline,
  ListBatches,
} from '../../../shared/contracts/campaigns';
import type {
  CheckAccountDomain,
  CreateDomain,
  CreateSuppression,
  DeleteDomain,
  DeleteSuppression,
  ImportSuppressions,
  ListDomains,
  ListSuppressions,
  UpdateDomain,
} from '../../../shared/contracts/deliverability';
import type { GetAccountsHealth } from '../../../shared/contracts/health';
import type { GetModuleState } from '../../../shared/contracts/module-state';
import type { ResolveFrom } from '../../../shared/contracts/resolve';
import type { ListSendLog, ResendLogged } from '../../../shared/contracts/send-log';
import type { GetSettings, UpdateSettings } from '../../../shared/contracts/settings';
import type { GetSendStats } from '../../../shared/contracts/stats';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One admin route (server/src/routes/admin/index.ts): its method, its URL under `/smtp-accounts`, and — as
 * types only — what fills the URL (route params or a list's query), the body it takes and what it answers.
 */
export interface Endpoint<Params, Body, Response> {
  readonly method: Method;
  readonly path: [Params] extends [void] ? string : (params: Params) => string;
  /** A route that answers a file (CSV), read as text instead of JSON. */
  readonly responseType?: 'text';
  /** Never set: carries the contract's body and response types to the caller. */
  readonly contract?: { body: Body; response: Response };
}

/** The contracts type a route's `:id` as the string the URL carries; the panel holds numbers as well. */
type RouteParams<Params> = { [Key in keyof Params]: Params[Key] | number };

const endpoint = <Response, Params = void, Body = void>(
  method: Method,
  path: Endpoint<Params, Body, Response>['path'],
  responseType?: 'text'
): Endpoint<Params, Body, Response> => ({ method, path, responseType });

const segment = (id: string | number) => encodeURIComponent(String(id));

/** A list's query string, from the contract's query (empty values left out). */
const withQuery = (
  path: string,
  query: ListSendLog.Query | ListBatches.Query | ListSuppressions.Query
) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query) as [string, string | undefined][])
    if (value) search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

/** Every admin endpoint of the plugin, once. Pages call them through `useAdminApi()`. */
export const endpoints = {
  listAccounts: endpoint<ListAccounts.Response>('GET', '/accounts'),
  getAccountsHealth: endpoint<GetAccountsHealth.Response>('GET', '/accounts/health'),
  getModuleState: endpoint<GetModuleState.Response>('GET', '/module'),
  getSendStats: endpoint<GetSendStats.Response>('GET', '/stats'),
  getAccount: endpoint<GetAccount.Response, RouteParams<GetAccount.Params>>(
    'GET',
    ({ id }) => `/accounts/${segment(id)}`
  ),
  createAccount: endpoint<CreateAccount.Response, void, CreateAccount.Request['body']>(
    'POST',
    '/accounts'
  ),
  updateAccount: endpoint<
    UpdateAccount.Response,
    RouteParams<UpdateAccount.Params>,
    UpdateAccount.Request['body']
  >('PUT', ({ id }) => `/accounts/${segment(id)}`),
  deleteAccount: endpoint<DeleteAccount.Response, RouteParams<DeleteAccount.Params>>(
    'DELETE',
    ({ id }) => `/accounts/${segment(id)}`
  ),
  sendTestMail: endpoint<
    SendTestMail.Response,
    RouteParams<SendTestMail.Params>,
    SendTestMail.Request['body']
  >('POST', ({ id }) => `/accounts/${segment(id)}/test`),
  startOAuth: endpoint<
    StartOAuth.Response,
    RouteParams<StartOAuth.Params>,
    StartOAuth.Request['body']
  >('POST', ({ id }) => `/accounts/${segment(id)}/oauth/connect`),
  completeOAuth: endpoint<CompleteOAuth.Response, void, CompleteOAuth.Request['body']>(
    'POST',
    '/oauth/callback'
  ),
  resolveFrom: endpoint<ResolveFrom.Response, void, ResolveFrom.Request['body']>(
    'POST',
    '/resolve'
  ),
  listSendLog: endpoint<ListSendLog.Response, ListSendLog.Query>('GET', (query) =>
    withQuery('/log', query)
  ),
  resendLogged: endpoint<ResendLogged.Response, RouteParams<ResendLogged.Params>>(
    'POST',
    ({ id }) => `/log/${segment(id)}/resend`
  ),
  listBatches: endpoint<ListBatches.Response, ListBatches.Query>('GET', (query) =>
    withQuery('/campaigns', query)
  ),
  getBatch: endpoint<GetBatch.Response, RouteParams<GetBatch.Params>>(
    'GET',
    ({ id }) => `/campaigns/${segment(id)}`
  ),
  getBatchTimeline: endpoint<GetBatchTimeline.Response, RouteParams<GetBatchTimeline.Params>>(
    'GET',
    ({ id }) => `/campaigns/${segment(id)}/timeline`
  ),
  pauseBatch: endpoint<ChangeBatch.Response, RouteParams<ChangeBatch.Params>>(
    'POST',
    ({ id }) => `/campaigns/${segment(id)}/pause`
  ),
  resumeBatch: endpoint<ChangeBatch.Response, RouteParams<ChangeBatch.Params>>(
    'POST',
    ({ id }) => `/campaigns/${segment(id)}/resume`
  ),
  cancelBatch: endpoint<ChangeBatch.Response, RouteParams<ChangeBatch.Params>>(
    'POST',
    ({ id }) => `/campaigns/${segment(id)}/cancel`
  ),
  listDomains: endpoint<ListDomains.Response>('GET', '/domains'),
  createDomain: endpoint<CreateDomain.Response, void, CreateDomain.Request['body']>(
    'POST',
    '/domains'
  ),
  updateDomain: endpoint<
    UpdateDomain.Response,
    RouteParams<UpdateDomain.Params>,
    UpdateDomain.Request['body']
  >('PUT', ({ id }) => `/domains/${segment(id)}`),
  deleteDomain: endpoint<DeleteDomain.Response, RouteParams<DeleteDomain.Params>>(
    'DELETE',
    ({ id }) => `/domains/${segment(id)}`
  ),
  checkAccountDomain: endpoint<CheckAccountDomain.Response, RouteParams<CheckAccountDomain.Params>>(
    'POST',
    ({ id }) => `/accounts/${segment(id)}/domain-check`
  ),
  listSuppressions: endpoint<ListSuppressions.Response, ListSuppressions.Query>('GET', (query) =>
    withQuery('/suppressions', query)
  ),
  createSuppression: endpoint<CreateSuppression.Response, void, CreateSuppression.Request['body']>(
    'POST',
    '/suppressions'
  ),
  deleteSuppression: endpoint<DeleteSuppression.Response, RouteParams<DeleteSuppression.Params>>(
    'DELETE',
    ({ id }) => `/suppressions/${segment(id)}`
  ),
  importSuppressions: endpoint<
    ImportSuppressions.Response,
    void,
    ImportSuppressions.Request['body']
  >('POST', '/suppressions/import'),
  /** The whole list as CSV (`address,scope,reason,detail,createdAt`); the admin's token, so not a plain link. */
  exportSuppressions: endpoint<string>('GET', '/suppressions/export', 'text'),
  getSettings: endpoint<GetSettings.Response>('GET', '/settings'),
  updateSettings: endpoint<UpdateSettings.Response, void, UpdateSettings.Request['body']>(
    'PUT',
    '/settings'
  ),
};

export type Endpoints = typeof endpoints;

/** A call's arguments: the route params (or query) when the URL takes any, then the body when the route takes one. */
type CallArgs<Params, Body> = [
  ...([Params] extends [void] ? [] : [params: Params]),
  ...([Body] extends [void] ? [] : [body: Body]),
];

/** One typed function per endpoint: it resolves to the response body (`{ data, meta? }`) and throws Strapi's FetchError. */
export type AdminApi = {
  readonly [Name in keyof Endpoints]: Endpoints[Name] extends Endpoint<
    infer Params,
    infer Body,
    infer Response
  >
    ? (...args: CallArgs<Params, Body>) => Promise<Response>
    : never;
};

/** What every endpoint shares at run time; its params are whatever its own path function takes. */
type AnyEndpoint = {
  readonly method: Method;
  readonly path: string | ((params: never) => string);
  readonly responseType?: 'text';
};

const send = async (client: FetchClient, route: AnyEndpoint, args: unknown[]): Promise<unknown> => {
  const takesParams = typeof route.path === 'function';
  // the args were typed by CallArgs from this very endpoint: its params are what its path takes
  const path = typeof route.path === 'function' ? route.path(args[0] as never) : route.path;
  const url = `/${PLUGIN_ID}${path}`;
  // Strapi's JSON routes get `{}` from a POST without a contract body (resend, pause, resume, cancel)
  const body = (takesParams ? args[1] : args[0]) ?? {};
  switch (route.method) {
    case 'GET':
      return route.responseType
        ? (await client.get(url, { responseType: route.responseType })).data
        : (await client.get<unknown>(url)).data;
    case 'DELETE':
      return (await client.del<unknown>(url)).data;
    case 'POST':
      return (await client.post<unknown>(url, body)).data;
    case 'PUT':
      return (await client.put<unknown>(url, body)).data;
  }
};

/** The endpoint table bound to a fetch client (the admin's `useFetchClient()`, see hooks/useAdminApi). */
export const createAdminApi = (client: FetchClient): AdminApi =>
  Object.fromEntries(
    Object.entries(endpoints).map(([name, route]: [string, AnyEndpoint]) => [
      name,
      (...args: unknown[]) => send(client, route, args),
    ])
  ) as AdminApi;
