/**
 * The content API has one thing of this plugin: the public one-click unsubscribe of newsletter mail
 * (`/api/smtp-accounts/unsubscribe/:token`). No login (a mailbox provider posts it, RFC 8058): the signed
 * token is the authorization, and it can only suppress the one address it names.
 */
export default {
  type: 'content-api',
  routes: [
    {
      method: 'GET',
      path: '/unsubscribe/:token',
      handler: 'unsubscribe.page',
      config: { auth: false },
    },
    {
      method: 'POST',
      path: '/unsubscribe/:token',
      handler: 'unsubscribe.confirm',
      config: { auth: false },
    },
  ],
};
