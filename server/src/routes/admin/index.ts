import { PERMISSIONS } from '../../../../shared/constants';

const can = (action: string) => ({
  policies: [{ name: 'admin::hasPermissions', config: { actions: [action] } }],
});

/** Every admin route is behind an RBAC action (the content API has only the public unsubscribe, see content-api.ts). */
export default {
  type: 'admin',
  routes: [
    {
      method: 'GET',
      path: '/accounts',
      handler: 'accounts.find',
      config: can(PERMISSIONS.accountsRead),
    },
    {
      method: 'GET',
      path: '/accounts/health',
      handler: 'health.accounts',
      config: can(PERMISSIONS.accountsRead),
    },
    {
      method: 'GET',
      path: '/module',
      handler: 'health.moduleState',
      config: can(PERMISSIONS.accountsRead),
    },
    { method: 'GET', path: '/stats', handler: 'health.stats', config: can(PERMISSIONS.logRead) },
    {
      method: 'GET',
      path: '/accounts/:id',
      handler: 'accounts.findOne',
      config: can(PERMISSIONS.accountsRead),
    },
    {
      method: 'POST',
      path: '/accounts',
      handler: 'accounts.create',
      config: can(PERMISSIONS.accountsCreate),
    },
    {
      method: 'PUT',
      path: '/accounts/:id',
      handler: 'accounts.update',
      config: can(PERMISSIONS.accountsUpdate),
    },
    {
      method: 'DELETE',
      path: '/accounts/:id',
      handler: 'accounts.delete',
      config: can(PERMISSIONS.accountsDelete),
    },
    {
      method: 'POST',
      path: '/accounts/:id/test',
      handler: 'accounts.sendTest',
      config: can(PERMISSIONS.accountsUpdate),
    },
    {
      method: 'POST',
      path: '/accounts/:id/oauth/connect',
      handler: 'oauth.start',
      config: can(PERMISSIONS.accountsUpdate),
    },
    {
      method: 'POST',
      path: '/oauth/callback',
      handler: 'oauth.complete',
      config: can(PERMISSIONS.accountsUpdate),
    },
    {
      method: 'POST',
      path: '/resolve',
      handler: 'resolve.resolve',
      config: can(PERMISSIONS.accountsRead),
    },
    { method: 'GET', path: '/log', handler: 'sendLog.find', config: can(PERMISSIONS.logRead) },
    {
      method: 'POST',
      path: '/log/:id/resend',
      handler: 'sendLog.resend',
      config: can(PERMISSIONS.logResend),
    },
    {
      method: 'GET',
      path: '/campaigns',
      handler: 'campaigns.find',
      config: can(PERMISSIONS.campaignsRead),
    },
    {
      method: 'GET',
      path: '/campaigns/:id',
      handler: 'campaigns.findOne',
      config: can(PERMISSIONS.campaignsRead),
    },
    {
      method: 'GET',
      path: '/campaigns/:id/timeline',
      handler: 'campaigns.timeline',
      config: can(PERMISSIONS.campaignsRead),
    },
    {
      method: 'POST',
      path: '/campaigns/:id/pause',
      handler: 'campaigns.pause',
      config: can(PERMISSIONS.campaignsManage),
    },
    {
      method: 'POST',
      path: '/campaigns/:id/resume',
      handler: 'campaigns.resume',
      config: can(PERMISSIONS.campaignsManage),
    },
    {
      method: 'POST',
      path: '/campaigns/:id/cancel',
      handler: 'campaigns.cancel',
      config: can(PERMISSIONS.campaignsManage),
    },
    {
      method: 'GET',
      path: '/settings',
      handler: 'settings.get',
      config: can(PERMISSIONS.settingsRead),
    },
    {
      method: 'PUT',
      path: '/settings',
      handler: 'settings.update',
      config: can(PERMISSIONS.settingsUpdate),
    },
    {
      method: 'GET',
      path: '/domains',
      handler: 'deliverability.listDomains',
      config: can(PERMISSIONS.domainsRead),
    },
    {
      method: 'POST',
      path: '/domains',
      handler: 'deliverability.createDomain',
      config: can(PERMISSIONS.domainsManage),
    },
    {
      method: 'PUT',
      path: '/domains/:id',
      handler: 'deliverability.updateDomain',
      config: can(PERMISSIONS.domainsManage),
    },
    {
      method: 'DELETE',
      path: '/domains/:id',
      handler: 'deliverability.deleteDomain',
      config: can(PERMISSIONS.domainsManage),
    },
    {
      method: 'POST',
      path: '/accounts/:id/domain-check',
      handler: 'deliverability.checkAccountDomain',
      config: can(PERMISSIONS.accountsRead),
    },
    {
      method: 'GET',
      path: '/suppressions',
      handler: 'deliverability.listSuppressions',
      config: can(PERMISSIONS.suppressionsRead),
    },
    {
      method: 'GET',
      path: '/suppressions/export',
      handler: 'deliverability.exportSuppressions',
      config: can(PERMISSIONS.suppressionsRead),
    },
    {
      method: 'POST',
      path: '/suppressions',
      handler: 'deliverability.createSuppression',
      config: can(PERMISSIONS.suppressionsManage),
    },
    {
      method: 'POST',
      path: '/suppressions/import',
      handler: 'deliverability.importSuppressions',
      config: can(PERMISSIONS.suppressionsManage),
    },
    {
      method: 'DELETE',
      path: '/suppressions/:id',
      handler: 'deliverability.deleteSuppression',
      config: can(PERMISSIONS.suppressionsManage),
    },
  ],
};
