#!/usr/bin/env node
'use strict';
/** Entry point: `node tests/e2e/run.js` (called from `npm test`). */
const { main } = require('./panel.e2e');

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  }
);
