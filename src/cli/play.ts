// play: a trained policy's held-out episode, its return printed, written as an
// animated SVG (--svg) or shown as text frames (--text), one line per step.

import { writeFileSync } from 'node:fs';
import { loadModel } from '../model/model-file.ts';
import { episodeSvg } from '../plot/episode-svg.ts';
import { frameText } from '../plot/episode-text.ts';
import { type Picture, play } from '../train/replay.ts';
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
  text: switchRow("on a terminal, the episode as text frames drawn in place; piped, each step's number and state"),
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
    // Text frames on a terminal where the task draws; elsewhere --text prints each state's numbers.
    frames: a.svg !== undefined ? 'required' : a.text && process.stdout.isTTY === true,
    states: a.text,
    objective: a.objective,
  }).catch((err: Error) => {
    throw new UsageError(`--model ${show(a.model)}: ${err.message}`);
  });
  if (p.changed) console.error(`play: ${p.task} has changed since ${a.model} was trained on it`);
  if (a.svg !== undefined && p.picture) {
    const caption = `${p.task}, held-out episode ${a.episode}: return ${p.ret.toFixed(1)} in ${p.steps} steps`;
    writeFileSync(a.svg, episodeSvg(p.picture.frames, p.picture.view, p.picture.stepSeconds, caption));
  }
  if (a.json) return console.log(JSON.stringify({ task: p.task, episode: a.episode, return: p.ret, steps: p.steps }));
  if (a.text && p.picture && a.svg === undefined) await animate(p.picture);
  else
    for (const [k, s] of (p.states ?? []).entries())
      console.log(`${k + 1}  ${Array.from(s, (v) => v.toFixed(4)).join(' ')}`);
  console.log(`${p.task}, held-out episode ${a.episode}: return ${p.ret} in ${p.steps} steps`);
  if (a.svg !== undefined) console.log(`animation: ${a.svg}`);
}

/** The frames drawn in place, one after the other at the task's pace (at most 50 a second), the last left on screen. */
async function animate({ frames, view, stepSeconds }: Picture): Promise<void> {
  const cols = Math.min(80, process.stdout.columns || 80);
  const rows = Math.max(8, Math.round((cols / 2) * ((view.yMax - view.yMin) / (view.xMax - view.xMin))));
  const pause = Math.max(20, stepSeconds * 1000);
  for (const [k, shapes] of frames.entries()) {
    const lines = frameText(shapes, view, { cols, rows });
    while (lines.length < rows) lines.push('');
    const text = `${lines.map((l) => `${l}\x1b[K`).join('\n')}\nstep ${k + 1} of ${frames.length}\x1b[K\n`;
    process.stdout.write(k === 0 ? text : `\x1b[${rows + 1}A${text}`);
    await new Promise((resolve) => setTimeout(resolve, pause));
  }
}

await runCommand('play', main);
