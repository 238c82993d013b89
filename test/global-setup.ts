// Pool workers and CLI tests run the compiled bundles in dist/: build them
// first whenever a source changed (a no-op otherwise).
import { ensureBuilt } from '../scripts/build.mjs';

export default async function setup(): Promise<void> {
  await ensureBuilt();
}
