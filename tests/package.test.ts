/**
 * What `npm publish` would ship (`npm pack --dry-run`): the built plugin, its docs and the rekey
 * command — no tests, playground, sources, source maps or .env — and the host's packages as peers.
 * Needs `npm run build` first (npm test builds before it runs jest).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Packages the Strapi app provides: one copy each, or `instanceof` and React contexts break. */
const HOST_PACKAGES = [
  '@strapi/strapi',
  '@strapi/utils',
  '@strapi/design-system',
  '@strapi/icons',
  'react',
  'react-dom',
  'react-intl',
  'react-router-dom',
  'styled-components',
];

let files: string[] = [];

beforeAll(() => {
  if (!fs.existsSync(path.join(root, 'dist', 'server', 'index.js')))
    throw new Error('dist/ is missing: run `npm run build` first');
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
      cwd: root,
      encoding: 'utf8',
    })
  ) as {
    files: { path: string }[];
  }[];
  files = packed.files.map((file) => file.path);
});

it('ships the built plugin, README, LICENSE, CHANGELOG and the rekey command', () => {
  for (const file of [
    'package.json',
    'README.md',
    'LICENSE',
    'CHANGELOG.md',
    'bin/rekey.js',
    'strapi-server.js',
    'strapi-admin.js',
    'dist/server/index.js',
    'dist/server/index.mjs',
    'dist/admin/index.js',
    'dist/admin/index.mjs',
  ]) {
    expect(files).toContain(file);
  }
});

it('ships no tests, playground, sources, scripts, source maps or .env files', () => {
  const unwanted = files.filter(
    (file) =>
      /^(tests|playground|scripts|bench|shared|server\/src|admin\/src|\.ci|\.compat|\.tsbuild)\//.test(
        file
      ) ||
      /\.(map|test\.[jt]sx?|e2e\.js|tsbuildinfo|tgz)$/.test(file) ||
      /(^|\/)\.env(\.|$)/.test(file) ||
      /(^|\/)tsconfig[^/]*\.json$/.test(file)
  );
  expect(unwanted).toEqual([]);
  // what is left is the built output and the few files named in package.json "files"
  expect(files.filter((file) => !file.startsWith('dist/')).sort()).toEqual(
    [
      'CHANGELOG.md',
      'LICENSE',
      'README.md',
      'bin/rekey.js',
      'package.json',
      'strapi-admin.js',
      'strapi-server.js',
    ].sort()
  );
});

it('exports the mailer service types, and every shipped declaration file resolves its relative imports', () => {
  const target = pkg.exports['./types/mailer'];
  expect(target).toBe('./dist/server/src/services/mailer.d.ts');
  expect(files).toContain(target.slice(2));
  const mailer = fs.readFileSync(path.join(root, target), 'utf8');
  expect(mailer).toMatch(/export type MailerService = /);
  expect(mailer).toMatch(/\bsend\(options: EmailOptions/);

  const declarations = files.filter((file) => file.endsWith('.d.ts'));
  const unresolved: string[] = [];
  for (const file of declarations) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    for (const [, specifier] of text.matchAll(/from '(\.{1,2}\/[^']+)'/g)) {
      const base = path.posix.join(path.posix.dirname(file), specifier);
      if (
        ![`${base}.d.ts`, `${base}/index.d.ts`, base].some((candidate) => files.includes(candidate))
      )
        unresolved.push(`${file} → ${specifier}`);
    }
  }
  expect(unresolved).toEqual([]);
});

it('leaves the host packages to the Strapi app: peer ranges, exact versions only for development', () => {
  for (const name of HOST_PACKAGES) {
    expect(pkg.dependencies?.[name]).toBeUndefined();
    expect(pkg.peerDependencies[name]).toMatch(/^\^/);
    expect(pkg.devDependencies[name]).toMatch(/^\d+\.\d+\.\d+$/);
  }
  // not listed by a Strapi app itself: optional, so npm never installs a newer copy of its own next to Strapi's
  for (const name of ['@strapi/utils', '@strapi/design-system', '@strapi/icons', 'react-intl']) {
    expect(pkg.peerDependenciesMeta[name]).toEqual({ optional: true });
  }
  expect(pkg.peerDependencies['@strapi/strapi']).toBe('^5.13.0');
  expect(pkg.engines.node).toBe('>=20.0.0');
});
