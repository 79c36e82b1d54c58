import type { Core } from '@strapi/strapi';
import type {
  CreateAccount,
  DeleteAccount,
  GetAccount,
  ListAccounts,
  SendTestMail,
  UpdateAccount,
} from '../../../shared/contracts/accounts';
import { runtimeOf } from '../runtime';

type Ctx = Parameters<Core.MiddlewareHandler>[0];

const accounts = () => runtimeOf(strapi).accounts.admin;
/** The domain check runs at every save, after the answer (DNS must not slow a save): the form shows it when done. */
const checkDomainLater = (id: number) => {
  // this Strapi, as it is now: the check may end after the app stopped (tests, a restart)
  const app = strapi;
  runtimeOf(app)
    .checkAccountDomain(id)
    .catch((error: Error) =>
      app.log?.debug?.(`[smtp-accounts] domain check of account #${id}: ${error.message}`)
    );
};
const idParam = (ctx: Ctx) => Number(ctx.params.id);
const bodyData = (ctx: Ctx) => (ctx.request.body as { data?: unknown } | undefined)?.data ?? {};

export default {
  async find(ctx: Ctx) {
    ctx.body = { data: await accounts().list() } satisfies ListAccounts.Response;
  },
  async findOne(ctx: Ctx) {
    ctx.body = { data: await accounts().findOne(idParam(ctx)) } satisfies GetAccount.Response;
  },
  async create(ctx: Ctx) {
    const data = await accounts().create(bodyData(ctx));
    checkDomainLater(data.id);
    ctx.status = 201;
    ctx.body = { data } satisfies CreateAccount.Response;
  },
  async update(ctx: Ctx) {
    const data = await accounts().update(idParam(ctx), bodyData(ctx));
    checkDomainLater(data.id);
    ctx.body = { data } satisfies UpdateAccount.Response;
  },
  async sendTest(ctx: Ctx) {
    const body = (ctx.request.body as unknown) ?? {};
    ctx.body = {
      data: await accounts().sendTest(idParam(ctx), body),
    } satisfies SendTestMail.Response;
  },
  async delete(ctx: Ctx) {
    ctx.body = { data: await accounts().remove(idParam(ctx)) } satisfies DeleteAccount.Response;
  },
};
