#!/usr/bin/env node
// `neuro-pool COMMAND [flags]`: the installed command (package.json's bin).
// Each command is its own entry (dist/train.js, …), loaded only when named,
// so `neuro-pool predict` never pays for the trainer's start-up. Run from the
// sources (node src/cli/main.ts, where Node strips types), it loads theirs.

import { createRequire } from 'node:module';
import { show } from '../util/option-error.ts';

const COMMANDS: Record<string, [source: string, what: string]> = {
  train: ['./train.ts', 'train a network on built-in data or your CSV / JSON file, and save the model'],
  predict: ['./predict.ts', "apply a saved model to a file's rows, or score it on labelled data"],
  play: ['./play.ts', "play a trained policy's held-out episode: its return, an animated SVG or text frames"],
  plot: ['./plot.ts', 'draw loss curves, decision maps, digits, confusion or speedup charts'],
  compare: ['./compare.ts', 'race the training methods from the same start, over one seed or many'],
  speedup: ['../../scripts/speedup.ts', 'time an iteration at each thread count on warmed pools'],
};
const fromSources = import.meta.url.endsWith('.ts');

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  const lines = Object.entries(COMMANDS).map(([c, [, what]]) => `  ${c.padEnd(width)}  ${what}`);
  return [
    'Usage: neuro-pool COMMAND [flags]',
    '',
    'Commands:',
    ...lines,
    '',
    'neuro-pool COMMAND --help: its flags',
  ].join('\n');
}

const command = process.argv[2];
if (command === '--help' || command === '-h') console.log(usage());
else if (command === undefined) {
  console.error(usage()); // a mistake, as a missing flag value is: on stderr, exit code 2
  process.exitCode = 2;
} else if (command === '--version' || command === '-v') {
  const manifest = createRequire(import.meta.url)(fromSources ? '../../package.json' : '../package.json');
  console.log((manifest as { version: string }).version);
} else if (!Object.hasOwn(COMMANDS, command)) {
  console.error(`neuro-pool: ${show(command)} is not a command, expected one of ${Object.keys(COMMANDS).join(', ')}`);
  process.exitCode = 2;
} else {
  process.argv.splice(2, 1); // the command sees its own flags only
  const [source] = COMMANDS[command];
  await import(new URL(fromSources ? source : `./${command}.js`, import.meta.url).href);
}
