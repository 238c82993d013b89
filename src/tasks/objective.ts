// A user's objective: an ES module (--objective PATH) that every worker
// imports, in one of two forms. An environment exports what a built-in task
// has (observationSize, actions, maxSteps, reset, step, observe; draw and view
// optional); a score exports evaluate(policy, ctx), a number, higher better,
// for objectives that are not episodes. Either as named exports or as the
// default export's fields. What is wrong with a module is said in one line
// that names it and the export, before anything runs.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { OptionError } from '../util/option-error.ts';
import type { Rng } from '../util/rng.ts';
import type { Environment } from './environment.ts';

/** What evaluate() is given besides the policy: the candidate's seeded stream. */
export interface ScoreContext {
  rng: Rng;
}

/** A policy as a score objective sees it: the net's outputs for an input. */
export type PolicyFn = (input: Float64Array) => Float64Array;

/** A score: the net has `inputs` (+ the bias) and `outputs`; evaluate() says how good it is, higher better. */
export interface Score {
  inputs: number;
  outputs: number;
  /** The score that counts as solved (--target-return's default), if the module says. */
  targetReturn?: number;
  evaluate(policy: PolicyFn, ctx: ScoreContext): number;
}

export type Objective = { kind: 'environment'; env: Environment } | ({ kind: 'score' } & Score);

const ENV_FUNCTIONS = ['reset', 'step', 'observe'] as const;

/** Imports the module at `path` and checks its exports; throws an OptionError naming `path`. */
export async function loadObjective(path: string): Promise<Objective> {
  const fail = (problem: string): never => {
    throw new OptionError('objective', path, problem);
  };
  let mod: Record<string, unknown> = {};
  try {
    mod = await import(pathToFileURL(path).href);
  } catch (e) {
    fail(`cannot be imported: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
  const o = (typeof mod.default === 'object' && mod.default !== null ? mod.default : mod) as Record<string, unknown>;
  if (typeof o.evaluate === 'function') return { kind: 'score', ...scoreShape(o, fail) };
  if (!ENV_FUNCTIONS.some((f) => f in o))
    fail('exports neither evaluate() (a score) nor reset(), step() and observe() (an environment)');
  for (const f of ENV_FUNCTIONS) if (typeof o[f] !== 'function') fail(`exports no function ${f}(), expected one`);
  wholeAtLeast(o.observationSize, 'observationSize', fail);
  wholeAtLeast(o.maxSteps, 'maxSteps', fail);
  checkActions(o.actions, fail);
  target(o.targetReturn, fail);
  const name = typeof o.name === 'string' ? o.name : path;
  return { kind: 'environment', env: boundEnvironment(o as unknown as Environment, name) };
}

/** The module's environment with its methods bound to it: a class instance's prototype methods and `this` work. */
function boundEnvironment(o: Environment, name: string): Environment {
  const { observationSize, actions, maxSteps, targetReturn, view, stepSeconds } = o;
  return {
    name,
    observationSize,
    actions,
    maxSteps,
    reset: o.reset.bind(o),
    step: o.step.bind(o),
    observe: o.observe.bind(o),
    ...(typeof o.draw === 'function' ? { draw: o.draw.bind(o) } : {}),
    ...(targetReturn === undefined ? {} : { targetReturn }),
    ...(view === undefined ? {} : { view }),
    ...(stepSeconds === undefined ? {} : { stepSeconds }),
  };
}

function scoreShape(o: Record<string, unknown>, fail: (p: string) => never): Score {
  wholeAtLeast(o.inputs, 'inputs', fail);
  wholeAtLeast(o.outputs, 'outputs', fail);
  target(o.targetReturn, fail);
  const { inputs, outputs, evaluate, targetReturn } = o as unknown as Score;
  // Called on the module's own object: an evaluate() that reads `this` (a default export's fields) works.
  return { inputs, outputs, evaluate: evaluate.bind(o), ...(targetReturn === undefined ? {} : { targetReturn }) };
}

function target(v: unknown, fail: (p: string) => never): void {
  if (v !== undefined && !Number.isFinite(v)) fail(`export targetReturn is ${String(v)}, expected a finite number`);
}

function wholeAtLeast(v: unknown, name: string, fail: (p: string) => never): void {
  if (!Number.isInteger(v) || (v as number) < 1) fail(`export ${name} is ${String(v)}, expected a whole number >= 1`);
}

function checkActions(a: unknown, fail: (p: string) => never): void {
  const expected = "expected { type: 'discrete', n } or { type: 'continuous', low: [...], high: [...] }";
  const s = a as { type?: unknown; n?: unknown; low?: unknown; high?: unknown } | undefined;
  if (s?.type === 'discrete' && Number.isInteger(s.n) && (s.n as number) >= 2) return;
  const bounds = (b: unknown) => Array.isArray(b) && b.length > 0 && b.every(Number.isFinite);
  if (
    s?.type === 'continuous' &&
    bounds(s.low) &&
    bounds(s.high) &&
    (s.low as number[]).length === (s.high as number[]).length
  )
    return;
  fail(`export actions is ${JSON.stringify(a)}, ${expected}`);
}

/** The SHA-256 of a module's contents: a policy's model file records it, to tell when the module changed. */
export function moduleHash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}
