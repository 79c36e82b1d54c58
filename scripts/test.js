/**
 * `npm test`: type-check, build the plugin (Strapi loads it from dist/), run the unit and
 * integration tests (jest: real Strapi, real SMTP servers), then the browser suite (real Chromium).
 */
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const run = (label, command, args) => {
  console.log(`\n[test] ${label}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`[test] ${label} failed (exit ${result.status})`);
    process.exit(result.status || 1);
  }
};

run('type-check', 'npm', ['run', '--silent', 'typecheck']);
run('build', 'npm', ['run', '--silent', 'build']);
run('unit + integration', path.join(root, 'node_modules', '.bin', 'jest'), process.argv.slice(2));
const e2e = path.join(root, 'tests', 'e2e', 'run.js');
if (fs.existsSync(e2e) && !process.env.SKIP_E2E) run('browser (e2e)', process.execPath, [e2e]);
