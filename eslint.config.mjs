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
  {
    // Ports are interfaces in the app's own terms: they know the domain and the contracts, never an
    // adapter or an entry point. The one SDK type they name (the transaction builder) is a type import.
    files: ['src/ports/**/*.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@forge/*'], allowTypeImports: true, message: 'Ports may name an SDK type, never call the SDK.' },
            { group: ['**/adapters/**', '**/handlers/**', '**/usecases/**', '**/sandbox/**', '**/static/**', '**/test/**'], message: 'Ports depend on nothing but the domain and the contracts.' },
          ],
        },
      ],
    },
  },
  {
    // Use cases reach the platform only through ports (src/ports), bound to adapters by the one
    // composition root (src/handlers/compose.ts), and take time and ids from the Clock and Ids ports
    // they are given (the entry points pass adapters/clock.ts): issue 13.
    files: ['src/usecases/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@forge/*'], message: 'Use cases reach Forge through the ports in src/ports/registry.ts.' },
            { group: ['**/adapters/**', '**/handlers/**'], message: 'Use cases know ports (src/ports), never adapters: the composition root (src/handlers/compose.ts) binds them.' },
            { group: ['**/sandbox/**', '**/static/**', '**/test/**'], message: 'The app never reaches into the sandbox, the UI or the tests.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'Take the time from the Clock port (ctx.clock.now()).' },
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Take the time from the Clock port (ctx.clock.now()).' },
        // Imported, called or read off `crypto`: any mention of randomUUID.
        { selector: "Identifier[name='randomUUID']", message: 'Take ids from the Ids port (ctx.ids.newId()).' },
      ],
    },
  },
);
