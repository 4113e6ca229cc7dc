#!/usr/bin/env node
// Launcher: the compiled CLI lives in dist/ after `npm run build`.
'use strict';
let main;
try {
  main = require('../dist/main.js').main;
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/main.js')) {
    process.stderr.write('pgshift: the CLI is not built yet; run `npm run build` in the pgshift checkout first.\n');
    process.exit(1);
  }
  throw error;
}
main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
