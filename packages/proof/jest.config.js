// Round trips wait on the server most of the time: several run at once (8 measured twice as fast as 4, 12 no faster).
module.exports = { ...require('../../jest.preset.js'), rootDir: __dirname, displayName: require('./package.json').name, maxConcurrency: 8 };
