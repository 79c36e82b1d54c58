// `npm run lint`: typescript-eslint's recommended rules (not the type-checked set: `tsc -b` already checks
// types, and this stays fast), React's hook rules for the panel, Node globals for the scripts.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      '.tsbuild/',
      'coverage/',
      'tests/artifacts/',
      '.ci/artifacts/',
      'playground/.strapi/',
      'playground/.tmp/',
      'playground/build/',
      'playground/database/',
      'playground/public/uploads/',
      'playground/types/generated/',
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `_name`: a parameter a signature needs but the body does not use
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
      // shared/contracts: one `export declare namespace` per endpoint, as Strapi's own packages (types only)
      '@typescript-eslint/no-namespace': ['error', { allowDeclarations: true }],
    },
  },
  {
    // the two classic hook rules: the plugin's 7.x `recommended` adds the React Compiler's rules
    // (set-state-in-effect, refs …), written for compiled components; Strapi's admin runs React 18 without it
    files: ['admin/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['server/**/*.ts', 'shared/**/*.ts', 'tests/**/*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // the scripts, the bench, the e2e suite and the playground's config are CommonJS run by Node
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: {
      // CommonJS: require() is how these files import
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Strapi's admin customisation file is an ES module
    files: ['playground/src/admin/app.js'],
    languageOptions: { sourceType: 'module' },
  },
  {
    // the e2e suite runs code in the page (page.evaluate): the browser's globals too
    files: ['tests/e2e/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  }
);
