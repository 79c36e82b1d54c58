/**
 * `npm run develop`: starts the local mail catcher, builds the plugin and the playground's admin, starts
 * Strapi, and prints where to go once the admin answers.
 *
 * Strapi runs in one process (playground/scripts/start.js), not under `strapi develop`: that command
 * builds the admin inside its cluster primary with a second Strapi instance that also stops on
 * SIGINT/SIGTERM (a second "Shutting down Strapi", then a TypeError from @strapi/admin's destroy), and a
 * worker exits as soon as its primary is gone, cutting its own shutdown short (the send log is flushed
 * there). Without its file watching, a change in playground/config or playground/src needs a restart.
 *
 * Signals: each child runs in a process group of its own and gets a signal from here only, once — Ctrl+C
 * (SIGINT to the terminal's group, which npm forwards once more), SIGTERM or SIGHUP to this process.
 */
const { spawn } = require('child_process');
const net = require('net');
const path = require('path');
const { ensurePlaygroundEnv } = require('./playground-env');
const { waitUntilAnswers } = require('./wait-until-answers');

const root = path.resolve(__dirname, '..');
const playground = path.join(root, 'playground');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const started = Date.now();

// PLAYGROUND_SEED: the playground creates its accounts on the mail catcher when it has none (playground/src/index.js)
const env = { PLAYGROUND_SEED: '1', ...process.env, ...ensurePlaygroundEnv() };
const catcherSmtpPort = env.MAIL_CATCHER_SMTP_PORT || '1025';
const catcherUrl = `http://127.0.0.1:${env.MAIL_CATCHER_HTTP_PORT || 1080}`;
// Strapi's stock provider (config/plugins.js) sends to the same catcher
env.STOCK_SMTP_PORT ??= catcherSmtpPort;
const serverUrl = `http://${env.HOST || '127.0.0.1'}:${env.PORT || 1337}`;

const running = new Set();
let stopSignal = null;
const whenStopping = new AbortController();

/** Starts a child in a process group of its own; resolves with its exit code (1 when killed by a signal). */
const run = (command, args, cwd) => {
  const child = spawn(command, args, { cwd, env, stdio: 'inherit', detached: true });
  running.add(child);
  return new Promise((resolve) => {
    child.once('error', (error) => {
      console.error(`[develop] ${path.basename(command)}: ${error.message}`);
      running.delete(child);
      resolve(1);
    });
    child.once('exit', (code) => {
      running.delete(child);
      resolve(code ?? 1);
    });
  });
};

/** Sends `signal` to every child's process group (the child and what it started), once per stop. */
const stop = (signal) => {
  if (stopSignal) return;
  stopSignal = signal;
  whenStopping.abort();
  for (const child of running) {
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  }
};

process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
// a closed terminal: Strapi stops on SIGTERM (it has no SIGHUP handler)
process.on('SIGHUP', () => stop('SIGTERM'));
// the children are in groups of their own: should this script fail, they must not outlive it
process.on('exit', () => {
  for (const child of running) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});

const listening = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1');
    socket.once('connect', () => {
      socket.end();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

const duration = (ms) => {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
};

/** The README's three steps, with this run's URLs. */
const printReady = () => {
  const admin = `${serverUrl}/admin`;
  const lines = [
    `[develop] admin: ${admin}  ·  mail catcher: ${catcherUrl}  (ready after ${duration(Date.now() - started)})`,
    `  1. running: Strapi with the seeded SMTP accounts Shop, Newsletter, Support and Playground, all on the mail catcher`,
    `  2. create the first admin at ${admin}, then SMTP accounts → Routing preview: "Shop <shop@playground.test>" names Shop;`,
    `     Settings → Email plugin → Settings → Send test email (through Playground <no-reply@playground.test>); a password reset (through Support):`,
    `     curl -X POST ${serverUrl}/api/auth/forgot-password -H 'content-type: application/json' -d '{"email":"reader@playground.test"}'`,
    `  3. ${catcherUrl} shows each mail with the SMTP user that sent it; SMTP accounts → Send log shows the rule that chose it`,
  ];
  console.log(`\n${lines.join('\n')}\n`);
};

/** A failed build stops the catcher and exits non-zero; a build cut by a stop exits 0. */
const built = async (label, command, cwd) => {
  console.log(`[develop] building ${label}…`);
  const code = await run(command, ['build'], cwd);
  if (code === 0 && !stopSignal) return true;
  if (!stopSignal) process.exitCode = code;
  stop('SIGTERM');
  return false;
};

const main = async () => {
  // first: the seeded accounts are verified against it when Strapi creates them
  const catcher = run(
    process.execPath,
    [path.join(playground, 'scripts', 'mail-catcher.js')],
    playground
  );
  catcher.then(() => stop('SIGTERM'));

  if (!(await built('the plugin', bin('strapi-plugin'), root))) return;
  if (!(await built("the playground's admin", bin('strapi'), playground))) return;
  for (let i = 0; i < 50 && !(await listening(catcherSmtpPort)); i++)
    await new Promise((r) => setTimeout(r, 100));

  console.log('[develop] starting Strapi…');
  const strapi = run(process.execPath, [path.join(playground, 'scripts', 'start.js')], playground);
  strapi.then((code) => {
    process.exitCode = code;
    stop('SIGTERM');
  });
  if (await waitUntilAnswers(`${serverUrl}/admin`, { signal: whenStopping.signal })) printReady();
};

main();
