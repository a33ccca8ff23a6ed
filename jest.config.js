/** Jest runs four projects: pure units, the real handlers on the sandbox platform, UI Kit trees
 * rendered in Node, and Chromium end-to-end tests against the sandbox's shell. */
const transform = {
  '^.+\\.(ts|tsx)$': ['ts-jest', { tsconfig: { module: 'commonjs', moduleResolution: 'node10', jsx: 'react-jsx' }, diagnostics: false }],
  // ESM-only dependencies, compiled to CommonJS for jest (Forge's bundler and Node take them as they are).
  '^.+/node_modules/(fractional-indexing|jira\\.js)/.+\\.js$': ['ts-jest', { tsconfig: { module: 'commonjs', allowJs: true }, diagnostics: false, isolatedModules: true }],
};
const ESM_ONLY = ['fractional-indexing', 'jira\\.js'];
const base = {
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY.join('|')})/)`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // jira.js (tests only) is ESM and exports only its entry points; its schemas are loaded by path.
  moduleNameMapper: { '^jira\\.js/dist/(.*)$': '<rootDir>/node_modules/jira.js/dist/$1' },
  // Every Jira answer the sandbox gives in a test is checked against Jira Cloud's documented shapes.
  setupFilesAfterEnv: ['<rootDir>/test/support/jira-conformance-setup.ts'],
};

module.exports = {
  maxWorkers: 2,
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  projects: [
    // Atlaskit components import their compiled CSS; unit tests render markup only, so styles are stubbed.
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts?(x)'], setupFiles: ['<rootDir>/test/support/host-bridge-stub.js'], moduleNameMapper: { '\\.css$': '<rootDir>/test/support/style-stub.js' } },
    { ...base, displayName: 'integration', testMatch: ['<rootDir>/test/integration/**/*.test.ts?(x)'] },
    { ...base, displayName: 'ui', testMatch: ['<rootDir>/test/ui/**/*.test.ts?(x)'] },
    { ...base, displayName: 'e2e', testMatch: ['<rootDir>/test/e2e/**/*.test.ts?(x)'] },
    { ...base, displayName: 'conformance', testMatch: ['<rootDir>/test/conformance/**/*.test.ts?(x)'] },
  ],
};
