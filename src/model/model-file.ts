// The model file: JSON that reads like the original's printed map,
//   {"nodes":[3,6,1],"weights":[[[..6..],[..6..],[..6..]],[[.],...]],"func":"logistic",
//    "output":"logistic","meta":{...}}
// weights[l][i][j] is the weight from unit i of layer l to unit j of layer l+1.
// This nested form exists for people; in memory params are one flat array.
// "history" (optional: older files have none) is the run's loss history,
// decimated (history.ts), for curves and for resuming.

import { renameSync, rmSync, writeFileSync } from 'node:fs';
import type { Encoding } from '../data/encoding.ts';
import { isActivationName } from '../nn/activation.ts';
import { makeNet, type Net, paramCount, weightIndex } from '../nn/network.ts';
import type { LossName } from '../nn/output.ts';
import { parseJson, readText } from '../util/files.ts';
import { show } from '../util/option-error.ts';
import { parseEncoding } from './encoding-json.ts';
import { decimate, type HistoryPoint, parseHistory } from './history.ts';

/** The output function as a model file names it, per loss. */
const OUTPUT_OF: Record<LossName, string> = { bce: 'logistic', mse: 'identity', ce: 'softmax' };

export interface Model {
  net: Net;
  params: Float64Array;
  loss: LossName;
  meta: Record<string, unknown>;
  history?: HistoryPoint[];
  /** How to read a file's columns into the inputs (scaling, categories) and the outputs back; older files have none. */
  encoding?: Encoding;
  /** A policy's: what it was trained on (a task's name, or a module's path as given and its contents' SHA-256). */
  task?: ModelTask;
}

export type ModelTask = { task: string; episodes: number } | { objective: string; sha256: string; episodes: number };

export function toModelJson(m: Model): object {
  const { nodes } = m.net;
  const weights = nodes
    .slice(0, -1)
    .map((nIn, l) =>
      Array.from({ length: nIn }, (_, i) =>
        Array.from({ length: nodes[l + 1] }, (_, j) => m.params[weightIndex(m.net, l, i, j)]),
      ),
    );
  const doc = {
    nodes,
    weights,
    func: m.net.func,
    output: OUTPUT_OF[m.loss],
    ...(m.encoding ? { encoding: m.encoding } : {}),
    ...(m.task ? { task: m.task } : {}),
    meta: m.meta,
  };
  return m.history ? { ...doc, history: decimate(m.history) } : doc;
}

/**
 * Writes the model through a temporary file beside it, so a failed or killed
 * write leaves no half file. The temporary name is one no file has: an
 * existing file (model.json.tmp of the user's, say) is never replaced or removed.
 */
export function saveModel(path: string, m: Model): void {
  let tmp: string | undefined;
  try {
    const text = `${JSON.stringify(toModelJson(m))}\n`;
    for (let n = 0; tmp === undefined; n++) {
      const name = `${path}.${process.pid}-${n}.tmp`;
      try {
        writeFileSync(name, text, { flag: 'wx' }); // fails on a name that exists
        tmp = name;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || n >= 100) throw err;
      }
    }
    renameSync(tmp, path);
  } catch (err) {
    if (tmp !== undefined) rmSync(tmp, { force: true });
    throw new Error(
      `--out ${JSON.stringify(path)}: cannot write the model (${(err as NodeJS.ErrnoException).code ?? err})`,
    );
  }
}

/** Reads a model file; `option` names where the path came from in a read error. */
export function loadModel(path: string, option = 'model'): Model {
  return parseModel(readText(path, option), path);
}

export function parseModel(text: string, name: string): Model {
  // biome-ignore lint/suspicious/noExplicitAny: a user's file, checked field by field below
  const doc = parseJson(text, name) as any;
  if (typeof doc !== 'object' || doc === null)
    throw new Error(`${name}: expected an object with "nodes", "weights" and "func"`);
  const { nodes, weights, func } = doc;
  if (!Array.isArray(nodes) || nodes.length < 2 || !nodes.every((n) => Number.isInteger(n) && n > 0)) {
    throw new Error(`${name}: "nodes" is ${JSON.stringify(nodes)}, expected an array of at least 2 positive integers`);
  }
  if (!isActivationName(func))
    throw new Error(`${name}: "func" is ${JSON.stringify(func)}, expected logistic, relu or tanh`);
  const output = doc.output ?? 'logistic';
  const loss = (Object.keys(OUTPUT_OF) as LossName[]).find((k) => OUTPUT_OF[k] === output);
  if (!loss) throw new Error(`${name}: "output" is ${JSON.stringify(output)}, expected logistic, identity or softmax`);
  const net = makeNet(nodes, func);
  const params = new Float64Array(paramCount(net));
  const layers = nodes.length - 1;
  if (!Array.isArray(weights) || weights.length !== layers) {
    throw new Error(
      `${name}: "weights" ${what(weights, 'matrix', 'matrices')}, expected ${layers} for nodes ${JSON.stringify(nodes)}`,
    );
  }
  for (let l = 0; l < layers; l++) {
    if (!Array.isArray(weights[l]) || weights[l].length !== nodes[l]) {
      throw new Error(`${name}: weights[${l}] ${what(weights[l], 'row', 'rows')}, expected ${nodes[l]} (nodes[${l}])`);
    }
    for (let i = 0; i < nodes[l]; i++) {
      const row = weights[l][i];
      if (!Array.isArray(row) || row.length !== nodes[l + 1]) {
        throw new Error(
          `${name}: weights[${l}][${i}] ${what(row, 'number', 'numbers')}, expected ${nodes[l + 1]} (nodes[${l + 1}])`,
        );
      }
      row.forEach((w: unknown, j: number) => {
        if (typeof w !== 'number' || !Number.isFinite(w))
          throw new Error(`${name}: weights[${l}][${i}][${j}] is ${show(w)}, expected a finite number`);
        params[weightIndex(net, l, i, j)] = w;
      });
    }
  }
  const meta = typeof doc.meta === 'object' && doc.meta !== null ? doc.meta : {};
  const model: Model = { net, params, loss, meta };
  if (doc.encoding !== undefined) model.encoding = parseEncoding(doc.encoding, name, nodes);
  if (doc.history !== undefined) model.history = parseHistory(doc.history, name);
  if (doc.task !== undefined) model.task = parseTask(doc.task, name);
  return model;
}

/** A policy's "task": {"task": name} or {"objective": path, "sha256": hex}, with its episodes. */
function parseTask(t: unknown, name: string): ModelTask {
  const o = (typeof t === 'object' && t !== null ? t : {}) as Record<string, unknown>;
  const episodes = o.episodes ?? 1;
  if (!Number.isInteger(episodes) || (episodes as number) < 1)
    throw new Error(`${name}: "task.episodes" is ${show(o.episodes)}, expected a whole number >= 1`);
  if (typeof o.task === 'string' && o.task !== '') return { task: o.task, episodes: episodes as number };
  if (typeof o.objective === 'string' && o.objective !== '' && typeof o.sha256 === 'string')
    return { objective: o.objective, sha256: o.sha256, episodes: episodes as number };
  throw new Error(
    `${name}: "task" is ${JSON.stringify(t)}, expected {"task": name} or {"objective": path, "sha256": hash}`,
  );
}

/** A part of a model file as found, for an error: "has 2 rows", or "is 7" where an array was expected. */
function what(v: unknown, item: string, items: string): string {
  if (Array.isArray(v)) return `has ${v.length} ${v.length === 1 ? item : items}`;
  const text = JSON.stringify(v) ?? String(v);
  return `is ${text.length > 40 ? `${text.slice(0, 40)}...` : text}`;
}
