'use strict';

const ACCOUNT_UID = 'plugin::smtp-accounts.smtp-account';

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

/**
 * `npm run develop` only (PLAYGROUND_SEED=1; the tests boot this app empty): four accounts on the mail
 * catcher when there is none yet — created through the document service, so each is verified like a save
 * in the panel — and the users-permissions mails (password reset, confirmation) sent From Support.
 */
const seedPlayground = async (strapi) => {
  if ((await strapi.db.query(ACCOUNT_UID).count()) > 0) return;
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
  const store = strapi.store({ type: 'plugin', name: 'users-permissions', key: 'email' });
  const templates = await store.get();
  if (templates && typeof templates === 'object') {
    for (const template of Object.values(templates)) {
      if (template && template.options) template.options.from = { ...TEMPLATE_FROM };
    }
    await store.set({ value: templates });
    strapi.log.info(
      `[playground] users-permissions mails are sent From ${TEMPLATE_FROM.name} <${TEMPLATE_FROM.email}>`
    );
  }
  await seedCampaign(strapi);
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
