import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'static/dist/', 'sandbox/shell/dist/', '.sandbox-data/', 'test-artifacts/', 'stubs/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The app never reaches into the sandbox or the UI; the sandbox never into the app's internals.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['**/sandbox/**', '**/static/**', '**/test/**'] }] },
  },
  {
    // The domain and the contracts are pure: no platform, no clock, no I/O (STYLE.md).
    files: ['src/domain/**/*.ts', 'src/contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@forge/*', 'node:*', 'fs', 'path', '**/sandbox/**', '**/static/**', '**/test/**', '**/adapters/**', '**/handlers/**'] }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Take `now` as an input.' }],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take `now` as an input.' }],
    },
  },
);
