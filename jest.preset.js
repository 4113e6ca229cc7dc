// Shared jest settings: TypeScript through swc (type checking is the build's job),
// workspace packages resolved to their sources so tests never need a prior build.
const path = require('path');

module.exports = {
  testEnvironment: 'node',
  // Real databases under a loaded CI machine: hooks and tests may take a while.
  testTimeout: 60_000,
  transform: {
    '^.+\\.(t|j)s$': ['@swc/jest', { jsc: { target: 'es2022', parser: { syntax: 'typescript' } }, module: { type: 'commonjs' } }],
  },
  moduleNameMapper: {
    '^@pgshift/test-support$': path.join(__dirname, 'test-support/index.ts'),
    '^@pgshift/([a-z-]+)$': path.join(__dirname, 'packages/$1/src/index.ts'),
  },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  reporters: ['default', path.join(__dirname, 'test-support/summary-reporter.js')],
};
