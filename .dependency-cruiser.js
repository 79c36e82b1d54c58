/**
 * The server's boundaries, checked by `npm run lint` (and so by `npm test`):
 * - no import cycles in server/src;
 * - outside server/src/accounts/, code imports the accounts module only through its index (its public
 *   surface): the table, the keyring and the connection module stay behind it.
 * Which files may name the account table, and which may open a secret, is checked on the source by
 * tests/boundaries.test.ts (a name or a call, not an import).
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'server/src has no import cycles: parts get their collaborators passed in (see server/src/runtime.ts)',
      from: { path: '^server/src' },
      to: { circular: true },
    },
    {
      name: 'accounts-behind-its-index',
      severity: 'error',
      comment:
        'only server/src/accounts/ reaches its own parts; everything else asks server/src/accounts/index.ts',
      from: { path: '^server/src', pathNot: '^server/src/accounts/' },
      to: { path: '^server/src/accounts/', pathNot: '^server/src/accounts/index\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    exclude: { path: '\\.test\\.ts$' },
  },
};
