import type { Core } from '@strapi/strapi';
import { PLUGIN_ID } from '../../shared/constants';

/** Closes every pooled SMTP connection so that shutdown is not held up by open sockets. */
const destroy = ({ strapi }: { strapi: Core.Strapi }) => {
  strapi.plugin(PLUGIN_ID).service('accountIndex').close();
  strapi.plugin(PLUGIN_ID).service('mailer').uninstall();
};

export default destroy;
