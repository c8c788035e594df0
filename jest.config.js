/** One Jest run for the whole monorepo: unit specs (*.spec.ts) next to the code,
 *  integration and end-to-end tests (*.test.ts) under each project's test/ folder. */
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  // jose and otplib's @scure/@noble dependencies ship ES modules only: SWC turns them into CommonJS like our own sources.
  transform: { '^.+\\.ts$': swc, '/node_modules/(jose|@scure|@noble)/.+\\.js$': swc },
  transformIgnorePatterns: ['^(?!.*/node_modules/(jose|@scure|@noble)/).*/node_modules/'],
  moduleNameMapper,
  testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/libs/**/*.test.ts', '<rootDir>/services/**/*.spec.ts', '<rootDir>/services/**/*.test.ts', '<rootDir>/e2e/**/*.test.ts', '<rootDir>/infra/**/*.test.ts', '<rootDir>/tools/**/*.spec.ts', '<rootDir>/tools/**/*.test.ts'],
  globalSetup: '<rootDir>/libs/testing/src/jest/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/jest/global-teardown.ts',
  // Generous: on two cores a service that reads every topic from the beginning can take a while to catch up.
  testTimeout: 120000,
  maxWorkers: 2,
};
