/**
 * Strapi in this one process, serving the admin that `strapi build` made (playground/build):
 * - `npm start` in the playground, Strapi's production start for this JavaScript app. Not the CLI's
 *   `strapi start`: it sees playground/tsconfig.json (there only to stop TypeScript's upward search at
 *   the playground, see that file) and would look for a TypeScript build output.
 * - `npm run develop` (scripts/develop.js), in the development environment: one process, so that a
 *   signal stops one Strapi, once (see that file).
 */
const path = require('path');
const { createStrapi } = require('@strapi/strapi');

const appDir = path.resolve(__dirname, '..');
createStrapi({ appDir, distDir: appDir }).start();
