// play: a trained policy's held-out episode, its return printed, written as an
// animated SVG (--svg) or shown as text frames (--text), one line per step.

import { writeFileSync } from 'node:fs';
import { loadModel } from '../model/model-file.ts';
import { episodeSvg } from '../plot/episode-svg.ts';
import { play } from '../train/replay.ts';
import { asInput } from '../util/input-error.ts';
import { show } from '../util/option-error.ts';
import { type OptionSpec, switchRow, textRow } from '../util/option-spec.ts';
import { UsageError } from '../util/usage-error.ts';
import { runCommand } from './command.ts';
import { readFlags, type ValuesOf } from './flag-reader.ts';
import { checkOutput, sameFile } from './output-path.ts';

const PLAY_FLAGS = {
  model: {
    kind: 'text',
    default: 'model.json',
    help: 'the policy to play (as train --task writes it)',
  } as OptionSpec<string>,
  episode: {
    kind: 'whole',
    default: 0,
    ge: 0,
    help: 'which held-out episode: the same start training scored',
  } as OptionSpec<number>,
  svg: textRow('write the episode here as an animated SVG, one frame per step'),
  text: switchRow('print each step: its number and the state after it'),
  objective: textRow('the module, where it is no longer at the path the model records'),
  json: switchRow('one JSON object instead of lines of text'),
};

const EXAMPLES = [
  ['play --model cartpole.json --svg cartpole.svg', 'the return of held-out episode 0, and its animation'],
  ['play --model pendulum.json --episode 3 --text', 'another start, step by step'],
] as const;

async function main(): Promise<void> {
  const { values } = await readFlags(
    { name: 'play', rows: PLAY_FLAGS, examples: EXAMPLES, argv: process.argv.slice(2) },
    (y) => y.command('$0', "Play a trained policy's held-out episode."),
  );
  const a = values as ValuesOf<typeof PLAY_FLAGS>;
  if (a.svg !== undefined) {
    checkOutput('svg', a.svg, ['.svg']);
    if (sameFile(a.svg, a.model))
      throw new UsageError(`--svg ${show(a.svg)}: is the --model file, expected a new file`);
  }
  const model = asInput(() => loadModel(a.model, 'model'));
  const p = await play(model, {
    episode: a.episode,
    frames: a.svg !== undefined,
    states: a.text,
    objective: a.objective,
  }).catch((err: Error) => {
    throw new UsageError(`--model ${show(a.model)}: ${err.message}`);
  });
  if (p.changed) console.error(`play: ${p.task} has changed since ${a.model} was trained on it`);
  if (a.svg !== undefined && p.frames && p.view) {
    const caption = `${p.task}, held-out episode ${a.episode}: return ${p.ret.toFixed(1)} in ${p.steps} steps`;
    writeFileSync(a.svg, episodeSvg(p.frames, p.view, p.stepSeconds ?? 0.05, caption));
  }
  if (a.json) return console.log(JSON.stringify({ task: p.task, episode: a.episode, return: p.ret, steps: p.steps }));
  for (const [k, s] of (p.states ?? []).entries())
    console.log(`${k + 1}  ${Array.from(s, (v) => v.toFixed(4)).join(' ')}`);
  console.log(`${p.task}, held-out episode ${a.episode}: return ${p.ret} in ${p.steps} steps`);
  if (a.svg !== undefined) console.log(`animation: ${a.svg}`);
}

await runCommand('play', main);
