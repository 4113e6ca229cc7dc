const path = require('path');

module.exports = {
  ...require('../jest.preset.js'),
  rootDir: __dirname,
  displayName: 'e2e',
  testMatch: ['<rootDir>/src/**/*.e2e.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  moduleNameMapper: { ...require('../jest.preset.js').moduleNameMapper },
  roots: [path.join(__dirname, 'src')],
};
