import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    // The architecture's rule: HTTP code reaches the database only through services/ (docs/ARCHITECTURE.md).
    files: ['server/src/routes/**', 'server/src/http/**', 'server/src/channels/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
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
    files: ['server/src/cli/**', 'bench/**', 'server/scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
