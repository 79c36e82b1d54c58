'use strict';

const ACCOUNT_UID = 'plugin::smtp-accounts.smtp-account';
const USER_UID = 'plugin::users-permissions.user';

/** Pointed at the local mail catcher (scripts/develop.js starts it first); it accepts any login. */
const SEED_ACCOUNTS = [
  { name: 'Shop', email: 'shop@playground.test', username: 'shop' },
  // a sending limit, so that the demo campaign below moves for a few minutes on the Campaigns page
  {
    name: 'Newsletter',
    email: 'news@playground.test',
    username: 'newsletter',
    preferForNewsletters: true,
    limitPerMinute: 12,
  },
  { name: 'Support', email: 'support@playground.test', username: 'support' },
  // the email plugin's defaultFrom (config/plugins.js): Strapi's own mails that carry no From, such as
  // Settings → Email plugin → Settings → "Send test email" and the admin's password reset
  { name: 'Playground', email: 'no-reply@playground.test', username: 'no-reply' },
];
const TEMPLATE_FROM = { name: 'Support', email: 'support@playground.test' };
/** A users-permissions user, so that `POST /api/auth/forgot-password` has someone to send a reset mail to. */
const SEED_USER = {
  username: 'reader',
  email: 'reader@playground.test',
  password: 'reader-playground',
};

/**
 * `npm run develop` only (PLAYGROUND_SEED=1; the tests boot this app empty), when there is no account
 * yet: four accounts on the mail catcher — created through the document service, so each is verified
 * like a save in the panel —, the users-permissions mails sent From Support, one users-permissions user
 * and a demo campaign.
 */
const seedPlayground = async (strapi) => {
  if ((await strapi.db.query(ACCOUNT_UID).count()) > 0) return;
  await seedAccounts(strapi);
  await seedUsersPermissions(strapi);
  await seedCampaign(strapi);
};

const seedAccounts = async (strapi) => {
  const port = Number(process.env.MAIL_CATCHER_SMTP_PORT || 1025);
  for (const account of SEED_ACCOUNTS) {
    try {
      await strapi.documents(ACCOUNT_UID).create({
        data: {
          ...account,
          host: '127.0.0.1',
          port,
          security: 'none',
          authType: 'plain',
          password: 'playground',
          active: true,
        },
      });
      strapi.log.info(
        `[playground] SMTP account ${account.name} <${account.email}> created (mail catcher, user "${account.username}")`
      );
    } catch (error) {
      strapi.log.warn(`[playground] SMTP account ${account.email} not created: ${error.message}`);
    }
  }
};

/**
 * The mail templates From Support; the reset link pointing at public/reset-password.html (users-permissions
 * leaves `email_reset_password` empty, and the mail would say "null?code=…"); one confirmed user.
 */
const seedUsersPermissions = async (strapi) => {
  const store = (key) => strapi.store({ type: 'plugin', name: 'users-permissions', key });
  const templates = await store('email').get();
  if (templates && typeof templates === 'object') {
    for (const template of Object.values(templates)) {
      if (template && template.options) template.options.from = { ...TEMPLATE_FROM };
    }
    await store('email').set({ value: templates });
    strapi.log.info(
      `[playground] users-permissions mails are sent From ${TEMPLATE_FROM.name} <${TEMPLATE_FROM.email}>`
    );
  }
  const advanced = (await store('advanced').get()) || {};
  const resetPage = `${strapi.config.get('server.absoluteUrl')}/reset-password.html`;
  await store('advanced').set({ value: { ...advanced, email_reset_password: resetPage } });

  if (await strapi.db.query(USER_UID).findOne({ where: { email: SEED_USER.email } })) return;
  const role = await strapi.db
    .query('plugin::users-permissions.role')
    .findOne({ where: { type: 'authenticated' } });
  // the users-permissions service goes through the document service, which hashes the password
  await strapi
    .plugin('users-permissions')
    .service('user')
    .add({ ...SEED_USER, provider: 'local', confirmed: true, blocked: false, role: role.id });
  strapi.log.info(
    `[playground] users-permissions user ${SEED_USER.email} created (confirmed, Authenticated role)`
  );
};

/** A small newsletter through the campaign queue (SMTP accounts → Campaigns): 30 mails, 12 a minute. */
const seedCampaign = async (strapi) => {
  async function* subscribers() {
    for (let i = 1; i <= 30; i++) {
      yield {
        from: 'Newsletter <news@playground.test>',
        to: `subscriber${i}@playground.test`,
        subject: `Playground welcome letter #${i}`,
        text: `Hello subscriber ${i}!`,
      };
    }
  }
  const batchId = await strapi
    .plugin('smtp-accounts')
    .service('queue')
    .enqueue(subscribers(), { newsletter: true, campaign: 'Playground welcome campaign' });
  strapi.log.info(
    `[playground] campaign batch #${batchId} queued: 30 mails, 12 a minute (SMTP accounts → Campaigns)`
  );
};

module.exports = {
  register() {},
  async bootstrap({ strapi }) {
    if (process.env.PLAYGROUND_SEED === '1') await seedPlayground(strapi);
  },
};
