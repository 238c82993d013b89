// `npm run mutate [-- stryker args]`: mutation testing of src/nn and src/methods
// with StrykerJS (stryker.config.mjs). Stryker 10 needs Node >= 22, so this runs
// its CLI on the Node 24 that CI installs in .ci/node24 (installing it first if
// it is missing); the project itself keeps the machine's Node. Not part of CI.

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node24 = join(root, '.ci', 'node24', 'node_modules', '.bin', process.platform === 'win32' ? 'node.exe' : 'node');

if (!existsSync(node24)) {
  console.error('mutate: installing Node 24 in .ci/node24 (npm ci --prefix .ci/node24)');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const install = spawnSync(npm, ['ci', '--prefix', join(root, '.ci', 'node24'), '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (install.status !== 0) process.exit(install.status ?? 1);
}

const stryker = join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
if (!existsSync(stryker)) {
  console.error('mutate: @stryker-mutator/core is not installed: run npm install first');
  process.exit(1);
}
const run = spawnSync(node24, [stryker, 'run', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
if (run.error) {
  console.error(`mutate: ${run.error.message}`);
  process.exit(1);
}
process.exit(run.status ?? 1);
