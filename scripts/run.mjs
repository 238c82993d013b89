// `node scripts/run.mjs NAME [args]`: runs the bundle dist/NAME.js (see
// build.mjs), building it first if any source changed since the last build.

import { ENTRIES, ensureBuilt } from './build.mjs';

const name = process.argv[2];
if (!Object.hasOwn(ENTRIES, name)) {
  console.error(`run: ${JSON.stringify(name)}: expected one of ${Object.keys(ENTRIES).join(', ')}`);
  process.exit(2);
}
process.argv.splice(2, 1); // the bundle sees its own arguments only
await ensureBuilt();
// npm run starts scripts in the project's folder; the user's paths (--data ../mine.csv, --out) are
// relative to where they typed the command, which npm passes as INIT_CWD.
if (process.env.INIT_CWD) process.chdir(process.env.INIT_CWD);
await import(`../dist/${name}.js`);
