/** Unit specs live beside the code; e2e suites under test/ run against real MariaDB and Meilisearch. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // meilisearch ships ESM only: let swc turn it into CommonJS.
  transformIgnorePatterns: ['/node_modules/(?!(meilisearch)/)'],
  moduleNameMapper: {
    '^@app/(core|database|search|identity|needs|products|whitelist|matching|notifications|docking|events|commissioners|insights|demo)$':
      '<rootDir>/libs/$1/src',
  },
};

module.exports = {
  // A project-level testTimeout is ignored by jest: it is global.
  testTimeout: 30000,
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
      // The portal's tests run under Vitest (see apps/web/vite.config.ts).
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/web/'],
    },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
