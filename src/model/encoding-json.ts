// A model file's "encoding": how to turn a file's columns into the net's
// inputs and its outputs back into the label's units or names. Checked field
// by field, as the weights are: a model from someone else's hands must fail
// with a line naming the field, not with NaN predictions.

import { type Encoding, type FeatureEncoding, SCALES, type TargetEncoding, width } from '../data/encoding.ts';
import { show } from '../util/option-error.ts';

const isText = (v: unknown): v is string => typeof v === 'string';
const isWords = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every(isText);

/** Center and scale, checked: finite, scale not 0. */
function shift(v: Record<string, unknown>, where: string): { center: number; scale: number } {
  const { center, scale } = v;
  if (typeof center !== 'number' || !Number.isFinite(center))
    throw new Error(`${where}.center is ${show(center)}, expected a finite number`);
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale === 0)
    throw new Error(`${where}.scale is ${show(scale)}, expected a finite number other than 0`);
  return { center, scale };
}

function feature(v: unknown, where: string): FeatureEncoding {
  const f = (v ?? {}) as Record<string, unknown>;
  if (!isText(f.name)) throw new Error(`${where}.name is ${show(f.name)}, expected a column name`);
  if (f.type === 'number') return { name: f.name, type: 'number', ...shift(f, where) };
  if (f.type === 'category' && isWords(f.categories))
    return { name: f.name, type: 'category', categories: f.categories };
  throw new Error(`${where} is ${show(v)}, expected {"type":"number",...} or {"type":"category","categories":[...]}`);
}

function target(v: unknown, where: string): TargetEncoding {
  const t = (v ?? {}) as Record<string, unknown>;
  if (!isText(t.name)) throw new Error(`${where}.name is ${show(t.name)}, expected a column name`);
  if (t.type === 'labels') return { name: t.name, type: 'labels' };
  if (t.type === 'number') return { name: t.name, type: 'number', ...shift(t, where) };
  if (t.type === 'classes' && isWords(t.classes)) return { name: t.name, type: 'classes', classes: t.classes };
  throw new Error(`${where} is ${show(v)}, expected a "labels", "number" or "classes" target`);
}

/** The encoding of a model file, checked against the net's inputs and outputs. */
export function parseEncoding(v: unknown, name: string, nodes: readonly number[]): Encoding {
  const e = (v ?? {}) as Record<string, unknown>;
  const where = `${name}: "encoding"`;
  if (!SCALES.includes(e.scale as never))
    throw new Error(`${where}.scale is ${show(e.scale)}, expected ${SCALES.join(', ')}`);
  if (!Array.isArray(e.features)) throw new Error(`${where}.features is ${show(e.features)}, expected an array`);
  const features = e.features.map((f, i) => feature(f, `${where}.features[${i}]`));
  const inputs = features.reduce((n, f) => n + width(f), 0);
  if (inputs + 1 !== nodes[0])
    throw new Error(`${where}: its features make ${inputs} inputs, expected ${nodes[0] - 1} (nodes[0] less the bias)`);
  const t = target(e.target, `${where}.target`);
  const outs = nodes[nodes.length - 1];
  if (t.type === 'classes' && (t.classes.length === 2 ? 1 : t.classes.length) !== outs)
    throw new Error(
      `${where}.target has ${t.classes.length} classes, expected ${outs === 1 ? 2 : outs} for ${outs} outputs`,
    );
  return { scale: e.scale as Encoding['scale'], features, target: t };
}
