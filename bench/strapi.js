'use strict';
/**
 * Boots the playground app in-process (plain-JS port of tests/helpers/strapi.ts): fresh secrets,
 * a temporary SQLite file, no HTTP listener (the bench calls services directly).
 */
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const PLAYGROUND = path.resolve(__dirname, '..', 'playground');
const secret = () => crypto.randomBytes(16).toString('hex');

const startStrapi = async (env = {}) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-accounts-bench-'));
  Object.assign(process.env, {
    NODE_ENV: 'test',
    APP_KEYS: [secret(), secret()].join(','),
    API_TOKEN_SALT: secret(),
    ADMIN_JWT_SECRET: secret(),
    TRANSFER_TOKEN_SALT: secret(),
    JWT_SECRET: secret(),
    ENCRYPTION_KEY: secret(),
    SMTP_ACCOUNTS_ENCRYPTION_KEY: secret(),
    DATABASE_FILENAME: path.join(tmp, 'data.db'),
    STRAPI_TELEMETRY_DISABLED: 'true',
    STRAPI_DISABLE_UPDATE_NOTIFICATION: 'true',
    ...env,
  });
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete process.env[key];

  const cleanupTmp = () => fs.rmSync(tmp, { recursive: true, force: true });
  let strapi;
  try {
    const { createStrapi } = require('@strapi/strapi');
    strapi = createStrapi({ appDir: PLAYGROUND, distDir: PLAYGROUND });
    await strapi.load();
  } catch (error) {
    cleanupTmp();
    throw error;
  }
  let stopped = false;
  return {
    strapi,
    tmp,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await strapi.destroy();
      } finally {
        cleanupTmp();
      }
    },
    cleanupTmp,
  };
};

module.exports = { startStrapi, PLAYGROUND };
