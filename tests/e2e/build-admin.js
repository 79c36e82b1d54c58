'use strict';
/**
 * `strapi build` for the playground without its TypeScript step. The CLI looks for a tsconfig.json from the
 * app folder upwards and finds the repository's own (the plugin's `tsc -b` project), then tries to compile
 * the playground — a JavaScript app — as TypeScript and stops at "Compiling TS". This runs the same build
 * (Strapi's node API, the CLI's defaults) with no tsconfig. Run with cwd = playground.
 */
const path = require('node:path');

// internal files (not in the package's exports): required by path
const strapiDist = path.resolve(__dirname, '..', '..', 'node_modules', '@strapi', 'strapi', 'dist', 'src');
const { build } = require(path.join(strapiDist, 'node', 'build.js'));
const { createLogger } = require(path.join(strapiDist, 'cli', 'utils', 'logger.js'));

build({
  cwd: process.cwd(),
  logger: createLogger({ debug: false, silent: false, timestamp: false }),
  tsconfig: undefined,
  bundler: 'vite',
  minify: true,
  sourcemap: false,
  stats: false,
  installDeps: false,
}).then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  }
);
