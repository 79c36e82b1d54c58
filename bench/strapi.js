'use strict';
/**
 * Boots the playground app in-process (plain-JS port of tests/helpers/strapi.ts): fresh secrets,
 * a temporary SQLite file, no HTTP listener (the bench calls services directly).
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const PLAYGROUND = path.resolve(__dirname, '..', 'playground');
const { freshStrapiSecrets, QUIET_STRAPI } = require('../scripts/strapi-secrets');

const startStrapi = async (env = {}) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-accounts-bench-'));
  Object.assign(process.env, {
    NODE_ENV: 'test',
    ...freshStrapiSecrets(),
    ...QUIET_STRAPI,
    DATABASE_FILENAME: path.join(tmp, 'data.db'),
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
