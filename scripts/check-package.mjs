// `node scripts/check-package.mjs`: the package as a user gets it. Packs the
// project (npm pack: a clean build and the type declarations), installs the
// tarball into an empty folder, and there runs the installed command, a pool
// run, the library from JavaScript and a TypeScript check of it. The first
// step that fails ends the check with its output and exit code 1.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'neuro-pool-package-'));
const user = join(work, 'user');
mkdirSync(user);

/**
 * Runs a step, printing it; its output is shown only when it fails.
 * @param {string} what @param {string} file @param {string[]} args @returns {string}
 */
function step(what, file, args, cwd = user) {
  process.stdout.write(`check-package: ${what} ... `);
  try {
    const out = execFileSync(file, args, { cwd, encoding: 'utf8', stdio: 'pipe', timeout: 300_000 });
    console.log('ok');
    return out;
  } catch (caught) {
    const err = /** @type {{ stdout?: string, stderr?: string, message: string }} */ (caught);
    console.log('FAILED');
    console.error(`${file} ${args.join(' ')} (in ${cwd}):\n${err.stdout ?? ''}${err.stderr ?? err.message}`);
    process.exit(1);
  }
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';

step('npm pack', npm, ['pack', '--silent', '--pack-destination', work], root);
const tarball = join(work, readdirSync(work).find((f) => f.endsWith('.tgz')) ?? 'no tarball');
writeFileSync(join(user, 'package.json'), JSON.stringify({ name: 'user', private: true, type: 'module' }));
step('install the tarball into an empty folder', npm, ['install', '--no-audit', '--no-fund', tarball]);
step('npx neuro-pool --help', npx, ['neuro-pool', '--help']);
step('npx neuro-pool train (built-in set)', npx, ['neuro-pool', 'train', '--quiet', '--threads', '0']);
step('npx neuro-pool predict 0.3 0.7', npx, ['neuro-pool', 'predict', '0.3', '0.7']);
step('npx neuro-pool plot --svg', npx, ['neuro-pool', 'plot', '--model', 'model.json', '--svg', 'map.svg']);
const pool = ['neuro-pool', 'train', '--data', 'mnist', '--method', 'es', '--threads', '2', '--max-iters', '20'];
step('a pool run: es on the digits, 2 threads', npx, [...pool, '--quiet', '--out', 'digits.json']);
writeFileSync(
  join(user, 'lib.mjs'),
  [
    "import { train } from 'neuro-pool';",
    'const r = await train({ threads: 2 });',
    "if (!(r.loss < 0.2)) throw new Error('loss ' + r.loss);",
    '',
  ].join('\n'),
);
step("import { train } from 'neuro-pool'", process.execPath, ['lib.mjs']);
writeFileSync(
  join(user, 'lib.ts'),
  "import { train, type TrainResult } from 'neuro-pool';\nconst r: TrainResult = await train({ method: 'es' });\nexport const loss: number = r.loss;\n",
);
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const tsFlags = ['--noEmit', '--strict', '--target', 'ES2022', '--module', 'NodeNext', '--skipLibCheck'];
step('the library type-checks in TypeScript', process.execPath, [tsc, ...tsFlags, 'lib.ts']);
console.log(`check-package: all steps passed (${tarball})`);
