/**
 * `npm run develop`: builds the plugin, starts the local mail catcher and the playground Strapi.
 */
const { spawn, spawnSync } = require('child_process');
const net = require('net');
const path = require('path');
const { ensurePlaygroundEnv } = require('./playground-env');

const root = path.resolve(__dirname, '..');
const playground = path.join(root, 'playground');
// PLAYGROUND_SEED: the playground creates three accounts on the mail catcher when it has none (playground/src/index.js)
const env = { PLAYGROUND_SEED: '1', ...process.env, ...ensurePlaygroundEnv() };
const catcherPort = Number(env.MAIL_CATCHER_SMTP_PORT || 1025);

console.log('[develop] building the plugin…');
const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const listening = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket.end() || true));
    socket.once('error', () => resolve(false));
  });

const children = [];
const start = async () => {
  children.push(
    spawn(process.execPath, [path.join(playground, 'scripts', 'mail-catcher.js')], {
      cwd: playground,
      env,
      stdio: 'inherit',
    })
  );
  // the seeded accounts are verified when created: the catcher must answer before Strapi boots
  for (let i = 0; i < 50 && !(await listening(catcherPort)); i++)
    await new Promise((r) => setTimeout(r, 100));
  children.push(
    spawn(
      path.join(root, 'node_modules', '.bin', 'strapi'),
      ['develop', '--no-watch-admin', '--no-install-deps'],
      { cwd: playground, env, stdio: 'inherit' }
    )
  );
  console.log(
    `[develop] admin: http://${env.HOST || '127.0.0.1'}:${env.PORT || 1337}/admin  ·  mail catcher: http://127.0.0.1:${env.MAIL_CATCHER_HTTP_PORT || 1080}`
  );
  children.forEach((child) =>
    child.on('exit', (code) => {
      stop();
      process.exitCode = code ?? 0;
    })
  );
};

const stop = () => children.forEach((child) => child.kill('SIGTERM'));
// Ctrl+C: the terminal already sent SIGINT to every process of the group, children included. Sending
// them SIGTERM on top started a second Strapi shutdown during the first one (the TypeError from
// @strapi/admin's destroy); here we only wait for them to exit.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', stop);
start();
