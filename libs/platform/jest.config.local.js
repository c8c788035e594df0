/** Runs the auth and platform specs without the monorepo's globalSetup (no broker or databases needed):
 *  npx jest --config libs/platform/jest.config.local.js libs/auth libs/platform */
const path = require('node:path');
const root = require('../../jest.config.js');

module.exports = {
  rootDir: path.resolve(__dirname, '../..'),
  testEnvironment: 'node',
  transform: root.transform,
  moduleNameMapper: root.moduleNameMapper,
  testMatch: ['<rootDir>/libs/auth/**/*.spec.ts', '<rootDir>/libs/platform/**/*.spec.ts'],
  testTimeout: 30000,
};
