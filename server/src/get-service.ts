import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../shared/constants';
import type services from './services';

type Services = typeof services;
export type ServiceName = keyof Services;

/**
 * The plugin's services, typed: `getService(strapi, 'mailer').send(...)` instead of
 * `strapi.plugin('smtp-accounts').service('mailer')` and a cast at every call.
 */
export const getService = <N extends ServiceName>(strapi: Core.Strapi, name: N): ReturnType<Services[N]> =>
  strapi.plugin(PLUGIN_ID).service(name) as ReturnType<Services[N]>;
