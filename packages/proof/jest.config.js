// Round trips wait on the server most of the time: a few run at once.
module.exports = { ...require('../../jest.preset.js'), rootDir: __dirname, displayName: require('./package.json').name, maxConcurrency: 4 };
