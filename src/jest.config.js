const path = require('path');

module.exports = {
  ...require('../jest.preset.js'),
  rootDir: path.join(__dirname, '..'),
  displayName: 'pgshift',
  testMatch: ['<rootDir>/src/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/', '/files/'],
};
