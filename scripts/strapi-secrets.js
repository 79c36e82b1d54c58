/**
 * Fresh values for every secret a Strapi app (and this plugin) needs — one place for the
 * playground's first run, the tests, the e2e suite and the bench.
 */
const { randomBytes } = require('crypto');

const secret = () => randomBytes(24).toString('base64');

const freshStrapiSecrets = () => ({
  APP_KEYS: [secret(), secret(), secret(), secret()].join(','),
  API_TOKEN_SALT: secret(),
  ADMIN_JWT_SECRET: secret(),
  TRANSFER_TOKEN_SALT: secret(),
  JWT_SECRET: secret(),
  ENCRYPTION_KEY: secret(),
  SMTP_ACCOUNTS_ENCRYPTION_KEY: secret(),
});

/** Quiet, offline Strapi: no telemetry, no update check. */
const QUIET_STRAPI = {
  STRAPI_TELEMETRY_DISABLED: 'true',
  STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
};

module.exports = { freshStrapiSecrets, QUIET_STRAPI };
