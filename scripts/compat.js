#!/usr/bin/env node
/**
 * Compatibility check (CI runs it after `npm test`): the packed plugin installed the way a user
 * installs it into a plain Strapi app, at the lowest supported Strapi 5 and at the version the
 * plugin is built against. Per version:
 *
 *   install   a scratch app (SQLite via better-sqlite3@12) + the `npm pack` tarball
 *   no copies `npm ls` finds no second copy of a host package under the plugin, and the plugin loads
 *             the same copy of each as Strapi's server and admin do
 *   smoke     boot, register an admin, 400/404 keep their status and shape, an account verified
 *             against a real SMTP server on 127.0.0.1, one mail routed by its From (scripts/compat-smoke.js)
 *   admin     `strapi build` of the admin panel with the plugin in it
 *
 *   COMPAT_STRAPI_VERSIONS=5.13.0,5.54.0  which versions (default: the peer range's floor and the devDependency)
 *   COMPAT_DIR=...                         where the scratch apps go (default $TMPDIR/smtp-accounts-compat, kept for a look)
 */
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');
const pkg = require(root + '/package.json');
/** The floor (see README, Compatibility) and the version the plugin is built and tested against. */
const DEFAULT_VERSIONS = [
  pkg.peerDependencies['@strapi/strapi'].replace(/^\^/, ''),
  pkg.devDependencies['@strapi/strapi'],
];
const versions = (process.env.COMPAT_STRAPI_VERSIONS || DEFAULT_VERSIONS.join(','))
  .split(',')
  .map((v) => v.trim())
  .filter(Boolean);
// outside the repository: Strapi's build would otherwise pick up the repository's tsconfig.json
const work = path.resolve(process.env.COMPAT_DIR || path.join(os.tmpdir(), 'smtp-accounts-compat'));
const HOST_PACKAGES = [
  '@strapi/strapi',
  '@strapi/admin',
  '@strapi/core',
  '@strapi/utils',
  '@strapi/design-system',
  '@strapi/icons',
  '@strapi/ui-primitives',
  'react',
  'react-dom',
  'react-intl',
  'react-router-dom',
  'styled-components',
];

const seconds = (ms) => `${Math.round(ms / 1000)} s`;

/** Runs a command, its output to a log file; resolves with the exit code. */
const run = (command, args, { cwd, log, env = {} }) =>
  new Promise((resolve) => {
    fs.appendFileSync(log, `\n$ ${command} ${args.join(' ')}\n`);
    const out = fs.openSync(log, 'a');
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', out, out],
    });
    child.on('close', (code) => {
      fs.closeSync(out);
      resolve(code);
    });
  });

const writeApp = (dir, version, tarball) => {
  const file = (name, text) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  file(
    'package.json',
    JSON.stringify(
      {
        name: `compat-strapi-${version.replace(/\./g, '-')}`,
        private: true,
        version: '0.0.0',
        scripts: { build: 'strapi build' },
        dependencies: {
          '@strapi/strapi': version,
          // not released with every Strapi version; it depends on nodemailer only
          '@strapi/provider-email-nodemailer':
            pkg.devDependencies['@strapi/provider-email-nodemailer'],
          'better-sqlite3': '^12.4.1',
          react: '^18.0.0',
          'react-dom': '^18.0.0',
          'react-router-dom': '^6.0.0',
          'styled-components': '^6.0.0',
          'strapi-plugin-smtp-accounts': `file:${tarball}`,
        },
        strapi: { uuid: `compat-${version}` },
      },
      null,
      2
    )
  );
  file(
    'config/server.js',
    `module.exports = ({ env }) => ({ host: '127.0.0.1', port: 1337, app: { keys: env.array('APP_KEYS') } });\n`
  );
  file(
    'config/database.js',
    `const path = require('path');\nmodule.exports = () => ({ connection: { client: 'sqlite', connection: { filename: path.join(__dirname, '..', '.tmp', 'data.db') }, useNullAsDefault: true } });\n`
  );
  file(
    'config/admin.js',
    `module.exports = ({ env }) => ({ auth: { secret: env('ADMIN_JWT_SECRET') }, apiToken: { salt: env('API_TOKEN_SALT') }, transfer: { token: { salt: env('TRANSFER_TOKEN_SALT') } }, secrets: { encryptionKey: env('ENCRYPTION_KEY') }, flags: { nps: false, promoteEE: false } });\n`
  );
  // never the stock sendmail provider (it looks up MX records): nodemailer to the smoke's SMTP server
  file(
    'config/plugins.js',
    `module.exports = ({ env }) => ({
  email: { config: { provider: 'nodemailer', providerOptions: { host: '127.0.0.1', port: env.int('STOCK_SMTP_PORT', 2525), secure: false, ignoreTLS: true, auth: { user: 'stock-provider', pass: 'stock-pw' } }, settings: { defaultFrom: 'Compat <no-reply@example.test>' } } },
  'smtp-accounts': { enabled: true, config: { encryptionKey: env('SMTP_ACCOUNTS_ENCRYPTION_KEY') } },
});\n`
  );
  file(
    'config/middlewares.js',
    `module.exports = ['strapi::logger', 'strapi::errors', 'strapi::security', 'strapi::cors', 'strapi::poweredBy', 'strapi::query', 'strapi::body', 'strapi::session', 'strapi::favicon', 'strapi::public'];\n`
  );
  file(
    'config/api.js',
    `module.exports = { rest: { defaultLimit: 25, maxLimit: 100, withCount: true } };\n`
  );
  file('src/index.js', `module.exports = { register() {}, bootstrap() {} };\n`);
  file('public/uploads/.gitkeep', '');
};

/** Every installed copy of the host packages that `npm ls` finds under the plugin's own node_modules. */
const nestedCopies = (dir) => {
  let out;
  try {
    out = execFileSync('npm', ['ls', '--all', '--parseable'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    out = error.stdout || ''; // npm ls exits 1 on peer warnings but still lists the paths
  }
  const under = `${path.sep}strapi-plugin-smtp-accounts${path.sep}node_modules${path.sep}`;
  return out
    .split('\n')
    .filter(
      (line) =>
        line.includes(under) && HOST_PACKAGES.some((name) => line.endsWith(`${under}${name}`))
    )
    .map((line) => path.relative(dir, line));
};

/** The folder Node (and Vite) would load `name` from, starting in `from`: the first node_modules/<name> upwards. */
const locate = (name, from) => {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return null;
  }
};

/**
 * Not nested is not enough: an auto-installed peer can sit at the top while Strapi's own packages
 * use another copy. The plugin must load the very copy that Strapi's server (@strapi/core) and
 * admin (@strapi/admin) load.
 */
const differentCopies = (dir) => {
  const plugin = locate('strapi-plugin-smtp-accounts', dir);
  const users = { '@strapi/utils': '@strapi/core' };
  const problems = [];
  for (const name of HOST_PACKAGES.filter(
    (n) => !['@strapi/admin', '@strapi/core', '@strapi/ui-primitives'].includes(n)
  )) {
    const consumer = locate(users[name] || '@strapi/admin', dir);
    const ours = locate(name, plugin);
    const theirs = locate(name, consumer);
    if (ours !== theirs) {
      const version = (at) =>
        at ? JSON.parse(fs.readFileSync(path.join(at, 'package.json'), 'utf8')).version : 'none';
      problems.push(
        `${name}: plugin ${version(ours)} at ${ours && path.relative(dir, ours)}, ${users[name] || '@strapi/admin'} ${version(theirs)} at ${theirs && path.relative(dir, theirs)}`
      );
    }
  }
  return problems;
};

const checkVersion = async (version, tarball) => {
  const dir = path.join(work, `strapi-${version}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const log = path.join(work, `strapi-${version}.log`);
  fs.writeFileSync(log, `compat check, Strapi ${version}\n`);
  writeApp(dir, version, tarball);
  const result = { version, log, steps: [] };
  const step = async (name, body) => {
    const started = Date.now();
    let outcome;
    try {
      outcome = await body();
    } catch (error) {
      outcome = { ok: false, detail: error.message };
    }
    result.steps.push({ name, ms: Date.now() - started, ...outcome });
    return outcome.ok;
  };

  const installed = await step('install', async () => {
    const code = await run(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'],
      { cwd: dir, log }
    );
    return { ok: code === 0, detail: `npm install exited ${code}` };
  });
  if (!installed) return result;
  await step('no nested host copies', async () => {
    const nested = nestedCopies(dir);
    return { ok: nested.length === 0, detail: nested.join(', ') };
  });
  await step("same copies as Strapi's", async () => {
    const problems = differentCopies(dir);
    return { ok: problems.length === 0, detail: problems.join('; ') };
  });
  await step('smoke', async () => {
    const marker = fs.statSync(log).size;
    await run(process.execPath, [path.join(__dirname, 'compat-smoke.js'), dir], { cwd: dir, log });
    const output = fs.readFileSync(log, 'utf8').slice(marker);
    const line = output.split('\n').find((l) => l.startsWith('COMPAT-RESULT '));
    if (!line) return { ok: false, detail: 'the smoke printed no result (see the log)' };
    const { checks } = JSON.parse(line.slice('COMPAT-RESULT '.length));
    result.checks = checks;
    const failed = checks.filter((c) => !c.ok);
    return {
      ok: failed.length === 0 && checks.length > 0,
      detail: failed.map((c) => `${c.name}: ${c.detail}`).join('; '),
    };
  });
  await step('admin build', async () => {
    const code = await run('npx', ['strapi', 'build'], {
      cwd: dir,
      log,
      env: { NODE_ENV: 'production', STRAPI_TELEMETRY_DISABLED: 'true' },
    });
    return { ok: code === 0, detail: `strapi build exited ${code}` };
  });
  return result;
};

const main = async () => {
  const started = Date.now();
  fs.mkdirSync(work, { recursive: true });
  if (!fs.existsSync(path.join(root, 'dist', 'server', 'index.js'))) {
    console.log('[compat] building the plugin');
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  }
  for (const old of fs.readdirSync(work).filter((f) => f.endsWith('.tgz')))
    fs.rmSync(path.join(work, old));
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
    })
  );
  const tarball = path.join(work, packed[0].filename);
  console.log(`[compat] packed ${tarball}; Strapi ${versions.join(', ')} (logs in ${work}/)`);

  // the apps install and build in parallel: most of the time is network and disk, not CPU
  const results = await Promise.all(versions.map((version) => checkVersion(version, tarball)));

  const rows = [['Strapi', 'step', 'result', 'time']];
  for (const result of results) {
    for (const s of result.steps)
      rows.push([
        result.version,
        s.name,
        s.ok ? 'ok' : `FAILED: ${s.detail}`.slice(0, 160),
        seconds(s.ms),
      ]);
    for (const c of result.checks || [])
      rows.push([
        result.version,
        `  ${c.name}`,
        c.ok ? 'ok' : `FAILED: ${c.detail}`.slice(0, 160),
        '',
      ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((cell, i) => cell.padEnd(widths[i])).join(' | ');
  console.log(`\n${line(rows[0])}\n${widths.map((w) => '-'.repeat(w)).join('-|-')}`);
  for (const r of rows.slice(1)) console.log(line(r));

  const failed = results.filter((r) => r.steps.length < 5 || r.steps.some((s) => !s.ok));
  for (const r of failed) console.log(`[compat] Strapi ${r.version}: see ${r.log}`);
  console.log(`\n[compat] ${seconds(Date.now() - started)} in all`);
  console.log(`compat: ${results.length - failed.length} passed, ${failed.length} failed`);
  process.exit(failed.length ? 1 : 0);
};

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
