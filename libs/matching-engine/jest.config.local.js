/** Runs only the matching-engine specs, without the monorepo's global setup (no database or
 *  broker needed): npx jest --config libs/matching-engine/jest.config.local.js */
const path = require('node:path');
const rootDir = path.join(__dirname, '..', '..');
const { compilerOptions } = require(path.join(rootDir, 'tsconfig.base.json'));

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
  rootDir,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testMatch: ['<rootDir>/libs/matching-engine/**/*.spec.ts'],
  testTimeout: 60000,
  maxWorkers: 2,
};
