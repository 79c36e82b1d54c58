'use strict';
/**
 * Builds the playground admin (`strapi build`) when it is stale and starts the playground on a free port,
 * as `npm start` does (`strapi.start()`), through tests/helpers/strapi-child.js: the suite can then call
 * services inside that process over IPC (`call('enqueue', …)`: campaign mail is queued by server code only).
 */
const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const PLAYGROUND = path.join(ROOT, 'playground');

const strapiBin = () =>
  [
    path.join(PLAYGROUND, 'node_modules', '.bin', 'strapi'),
    path.join(ROOT, 'node_modules', '.bin', 'strapi'),
  ].find((p) => fs.existsSync(p));

const newestMtime = (dir) => {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
};

/** `strapi build` writes the admin to playground/build (a JS app's dist dir is the app dir). */
const adminIndex = () =>
  [
    path.join(PLAYGROUND, 'build', 'index.html'),
    path.join(PLAYGROUND, 'dist', 'build', 'index.html'),
  ].find((p) => fs.existsSync(p));

const ensureAdminBuild = (log) => {
  const pluginDist = path.join(ROOT, 'dist');
  if (!fs.existsSync(pluginDist)) throw new Error('dist/ is missing: run `npm run build` first');
  const index = adminIndex();
  // React's development bundle, so its warnings reach the console (playground/src/admin/vite.config.js)
  const devMarker = index && path.join(path.dirname(index), '.react-development');
  if (index && fs.existsSync(devMarker) && fs.statSync(index).mtimeMs >= newestMtime(pluginDist)) {
    log('admin build is up to date');
    return;
  }
  log('building the playground admin (strapi build, about a minute)');
  const result = spawnSync(strapiBin(), ['build'], {
    cwd: PLAYGROUND,
    env: {
      ...process.env,
      STRAPI_TELEMETRY_DISABLED: 'true',
      NODE_ENV: 'development',
      SMTP_ACCOUNTS_REACT_DEV: '1',
    },
    encoding: 'utf8',
  });
  if (result.status !== 0)
    throw new Error(`strapi build failed:\n${result.stdout}\n${result.stderr}`);
  fs.writeFileSync(path.join(path.dirname(adminIndex()), '.react-development'), '');
};

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

const { freshStrapiSecrets, QUIET_STRAPI } = require('../../scripts/strapi-secrets');

/** Starts the playground (`env`: more environment, e.g. the DNS servers); resolves once /_health answers. */
const startStrapi = async ({ stockSmtpPort, logFile, log, env: extraEnv = {} }) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-accounts-e2e-'));
  const port = await freePort();
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...freshStrapiSecrets(),
    ...QUIET_STRAPI,
    DATABASE_FILENAME: path.join(tmp, 'data.db'),
    STOCK_SMTP_PORT: String(stockSmtpPort),
    ...extraEnv,
  };
  const out = fs.openSync(logFile, 'w');
  // detached: Strapi gets its own process group, so stopping it also stops anything it spawned
  const child = spawn(process.execPath, [path.join(ROOT, 'tests', 'helpers', 'strapi-child.js')], {
    cwd: PLAYGROUND,
    env: { ...env, STRAPI_CHILD_SERVE: '1' },
    stdio: ['ignore', out, out, 'ipc'],
    detached: true,
  });
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  let seq = 0;
  const waiting = new Map();
  child.on('message', (message) => {
    if (message && message.id && waiting.has(message.id)) {
      waiting.get(message.id)(message);
      waiting.delete(message.id);
    }
  });
  /** A command of strapi-child.js run inside this Strapi; resolves with its result, rejects with its error. */
  const call = (cmd, extra = {}) =>
    new Promise((resolve, reject) => {
      if (exited !== null || !child.connected)
        return reject(new Error(`strapi is not running (${cmd})`));
      const id = ++seq;
      waiting.set(id, (reply) =>
        reply.ok ? resolve(reply.result) : reject(new Error(`${cmd}: ${reply.error}`))
      );
      child.send({ cmd, id, ...extra });
    });
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (exited === null) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      const deadline = Date.now() + 10000;
      while (exited === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      if (exited === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    fs.closeSync(out);
    fs.rmSync(tmp, { recursive: true, force: true });
  };

  const deadline = Date.now() + 120000;
  for (;;) {
    if (exited !== null) {
      await stop();
      throw new Error(`strapi start exited (${JSON.stringify(exited)}); see ${logFile}`);
    }
    try {
      const res = await fetch(`${url}/_health`);
      if (res.status === 204 || res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Strapi did not answer /_health within 120 s; see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`strapi is up on ${url}`);
  return { url, stop, call };
};

module.exports = { ensureAdminBuild, startStrapi, ROOT };
