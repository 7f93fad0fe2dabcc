import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const SQL_OUTSIDE_STORE = 'SQL belongs in server/src/store/ (docs/ARCHITECTURE.md)';
/** kysely's `sql` template tag (a value import); `import type { Kysely, Insertable, … }` stays allowed. */
const SQL_TAG = { name: 'kysely', importNames: ['sql'], message: SQL_OUTSIDE_STORE };
/** The calls that start a query on a Kysely instance or a transaction. */
const SQL_CALLS = [
  'CallExpression[callee.property.name=/^(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto|selectNoFrom)$/]',
].map((selector) => ({ selector, message: SQL_OUTSIDE_STORE }));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.sigap-data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Type-aware linting where server/tsconfig.json reaches (src, test, ../bench; the root tsconfig.json leads
    // the project service there for bench/): a promise nobody awaits loses its errors (an unhandled rejection
    // ends the process) and its ordering.
    files: ['server/src/**/*.ts', 'server/test/**/*.ts', 'bench/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // The architecture's rule: SQL is written only in store/ (docs/ARCHITECTURE.md). Types from kysely stay
    // allowed everywhere; services may still open a transaction and hand it to repositories.
    files: ['server/src/**'],
    ignores: ['server/src/store/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [SQL_TAG] }],
      'no-restricted-syntax': ['error', ...SQL_CALLS],
    },
  },
  {
    // The architecture's rule: HTTP code reaches the database only through services/ (docs/ARCHITECTURE.md).
    // (Repeats the sql import ban: a later no-restricted-imports replaces the earlier one's options.)
    files: ['server/src/routes/**', 'server/src/http/**', 'server/src/channels/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [SQL_TAG],
          patterns: [
            {
              group: ['**/store/**', '**/store'],
              message: 'routes/, http/ and channels/ reach the database only through services/.',
            },
          ],
        },
      ],
    },
  },
  {
    // the citizen web app runs in the browser
    files: ['web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['web/public/sw.js'],
    languageOptions: { globals: { ...globals.serviceworker } },
  },
  {
    files: ['server/src/cli/**', 'bench/**', 'server/scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
