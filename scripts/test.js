/**
 * `npm test`: type-check, build the plugin (Strapi loads it from dist/), run the unit and
 * integration tests (jest: real Strapi, real SMTP servers) on SQLite, then the integration tests
 * again on PostgreSQL and MariaDB, then the browser suite (real Chromium).
 *
 *   SKIP_E2E=1        leave out the browser suite
 *   TEST_DATABASES=sqlite,postgres,mysql   which databases to run the integration tests on
 */
const { spawnSync } = require('child_process');
const net = require('net');
const path = require('path');

const root = path.resolve(__dirname, '..');
const jest = path.join(root, 'node_modules', '.bin', 'jest');
const databases = (process.env.TEST_DATABASES || 'sqlite,postgres,mysql').split(',').map((d) => d.trim()).filter(Boolean);
const summary = [];

const run = (label, command, args, env = {}) => {
  console.log(`\n[test] ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  summary.push(`${label}: ${result.status === 0 ? 'ok' : `FAILED (exit ${result.status})`}`);
  if (result.status !== 0) {
    console.error(`\n[test] ${summary.join(' · ')}`);
    process.exit(result.status || 1);
  }
};

const reachable = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket.end() || true));
    socket.once('error', () => resolve(false));
    socket.setTimeout(2000, () => resolve(socket.destroy() || false));
  });

/** The machine's database servers: start them if they are down (as the machine's own start-up does), else say how. */
const ensureServer = async (name, port, start) => {
  if (await reachable(port)) return;
  console.log(`[test] ${name} is not running on 127.0.0.1:${port}; starting it: ${start}`);
  spawnSync('bash', ['-c', start], { stdio: 'inherit' });
  for (let i = 0; i < 30 && !(await reachable(port)); i++) await new Promise((r) => setTimeout(r, 1000));
  if (!(await reachable(port))) {
    console.error(`[test] ${name} is needed on 127.0.0.1:${port} for the integration tests. Start it with: ${start} (or set TEST_DATABASES=sqlite)`);
    process.exit(1);
  }
};

const main = async () => {
  run('type-check', 'npm', ['run', '--silent', 'typecheck']);
  run('build', 'npm', ['run', '--silent', 'build']);
  if (databases.includes('sqlite')) run('unit + integration (SQLite)', jest, process.argv.slice(2));
  if (databases.includes('postgres')) {
    await ensureServer('PostgreSQL', 5432, 'pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start');
    // two-process.test.ts always runs on PostgreSQL, in the SQLite pass already
    run('integration (PostgreSQL)', jest, ['tests', '--testPathIgnorePatterns', 'two-process', ...process.argv.slice(2)], { DATABASE_CLIENT: 'postgres' });
  }
  if (databases.includes('mysql')) {
    await ensureServer('MariaDB', 3306, 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd');
    run('integration (MariaDB)', jest, ['tests', '--testPathIgnorePatterns', 'two-process', ...process.argv.slice(2)], { DATABASE_CLIENT: 'mysql' });
  }
  if (!process.env.SKIP_E2E) run('browser (e2e)', process.execPath, [path.join(root, 'tests', 'e2e', 'run.js')]);
  console.log(`\n[test] ${summary.join(' · ')}`);
};

main();
