#!/usr/bin/env node
/**
 * Re-encrypts every stored SMTP password with a new key. Run it in your Strapi app's folder:
 *
 *   SMTP_ACCOUNTS_OLD_KEY='old key text' SMTP_ACCOUNTS_NEW_KEY='new key text' npx smtp-accounts-rekey
 *
 * then set the new key (SMTP_ACCOUNTS_ENCRYPTION_KEY, or the plugin's `encryptionKey`) and restart.
 * Keys come from the environment, never the command line (which other users can see in `ps`).
 */
const { compileStrapi, createStrapi } = require('@strapi/strapi');

const main = async () => {
  const oldKey = process.env.SMTP_ACCOUNTS_OLD_KEY;
  const newKey = process.env.SMTP_ACCOUNTS_NEW_KEY;
  if (!oldKey || !newKey) {
    console.error('smtp-accounts-rekey: set SMTP_ACCOUNTS_OLD_KEY and SMTP_ACCOUNTS_NEW_KEY');
    process.exit(2);
  }
  const app = await createStrapi(await compileStrapi()).load();
  try {
    const { reencrypted, alreadyNew } = await app
      .plugin('smtp-accounts')
      .service('secrets')
      .rekey(oldKey, newKey);
    console.log(
      `smtp-accounts-rekey: ${reencrypted} secret(s) re-encrypted, ${alreadyNew} already on the new key (passwords, OAuth2 client secrets and tokens, DKIM keys). Now set the new key and restart Strapi.`
    );
  } finally {
    await app.destroy();
  }
};

main().catch((error) => {
  console.error(`smtp-accounts-rekey failed: ${error.message}`);
  process.exit(1);
});
