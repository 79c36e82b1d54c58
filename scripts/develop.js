/**
 * `npm run develop`: builds the plugin, starts the local mail catcher and the playground Strapi.
 */
const { spawn, spawnSync } = require('child_process');
const path = require('path');
const { ensurePlaygroundEnv } = require('./playground-env');

const root = path.resolve(__dirname, '..');
const playground = path.join(root, 'playground');
const env = { ...process.env, ...ensurePlaygroundEnv() };

console.log('[develop] building the plugin…');
const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const children = [
  spawn(process.execPath, [path.join(playground, 'scripts', 'mail-catcher.js')], { cwd: playground, env, stdio: 'inherit' }),
  spawn(path.join(root, 'node_modules', '.bin', 'strapi'), ['develop', '--no-watch-admin', '--no-install-deps'], { cwd: playground, env, stdio: 'inherit' }),
];
console.log(`[develop] admin: http://${env.HOST || '127.0.0.1'}:${env.PORT || 1337}/admin  ·  mail catcher: http://127.0.0.1:${env.MAIL_CATCHER_HTTP_PORT || 1080}`);

const stop = () => children.forEach((child) => child.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children.forEach((child) =>
  child.on('exit', (code) => {
    stop();
    process.exitCode = code ?? 0;
  })
);
