// The data of a run: --data read (or a Dataset taken), the validation and test
// parts held out, the scaling fitted on the training part or taken from a
// resumed model, and what 'auto' decided about them, in words.

import type { Dataset } from '../data/dataset.ts';
import { type Encoding, plainEncoding, targetUnits } from '../data/encoding.ts';
import { isUserFile } from '../data/load.ts';
import { autoValidation, finishSource, loadSource, type Source } from '../data/sources.ts';
import type { Model } from '../model/model-file.ts';
import { asInput } from '../util/input-error.ts';
import { OptionError } from '../util/option-error.ts';
import { decideSource } from './auto-settings.ts';
import { checkFits, SPIRAL_POINT_BYTES } from './memory.ts';
import type { ResolvedOptions, Settings } from './options.ts';

export interface PreparedData {
  source: Source;
  /** A user's file (CSV, JSON): scaled and validated by default. */
  userData: boolean;
  /** The scale and validation share the run used. */
  picks: Pick<Settings, 'scale' | 'validationSplit'>;
  /** What 'auto' decided about the data, as "option value" pairs. */
  chosen: string[];
}

export function prepareData(given: ResolvedOptions, model: Model | undefined): PreparedData {
  const userData = typeof given.data === 'string' && isUserFile(given.data);
  const early = decideSource(given, userData);
  if (model) {
    // A resumed model's inputs are scaled as it was trained, or not at all (older files, --scale none): never refitted.
    const trained = model.encoding?.scale ?? 'none';
    if (given.scale !== 'auto' && given.scale !== trained)
      throw new OptionError(
        'scale',
        given.scale,
        `the model was trained with --scale ${trained}; expected that or auto`,
      );
    early.scale = trained;
    early.chosen = early.chosen.filter((c) => !c.startsWith('scale '));
  }
  const src = source(given, { ...early, encoding: model?.encoding, outputs: model?.net.nodes.at(-1) });
  // 'auto' holds a validation part out of a user's file with enough rows.
  const rows = src.train.n + (src.validation?.n ?? 0);
  const split = early.validationSplit === 'auto' ? autoValidation(rows) : early.validationSplit;
  const chosen = [...early.chosen, ...(early.validationSplit === 'auto' ? [`validationSplit ${split}`] : [])];
  return { source: src, userData, picks: { scale: early.scale, validationSplit: split }, chosen };
}

/** The data with its targets as the file has them (notes speak of the labels the user wrote, not scaled ones). */
export function inTargetUnits(data: Dataset, encoding: Encoding): Dataset {
  const { center, scale } = targetUnits(encoding);
  if (center === 0 && scale === 1) return data;
  return { ...data, targets: data.targets.map((t) => center + scale * t) };
}

interface SourcePicks {
  scale: Settings['scale'];
  validationSplit: number | 'auto';
  /** A resumed model's encoding and outputs: its columns, categories, classes and scaling. */
  encoding?: Encoding;
  outputs?: number;
}

/** The training, validation and test sets: from --data, or given as Datasets (a test set must fit the data). */
function source(o: ResolvedOptions, p: SourcePicks): Source {
  // --loss mse: a number label is a regression target, even of whole numbers that would make classes.
  const opts = { ...o, ...p, ignore: o.ignore, regression: o.loss === 'mse' };
  if (typeof o.data === 'string') {
    if (o.test) throw new OptionError('test', o.test.name, 'applies to data given as a Dataset');
    const spec = o.data;
    // Generated points are built as JS arrays first: a count too large would exhaust the heap, not fail.
    if (spec === 'spiral')
      checkFits('samples', o.samples, o.samples * SPIRAL_POINT_BYTES, 'the spiral', 'fewer points');
    return asInput(() => loadSource(spec, opts));
  }
  for (const option of ['trainSize', 'testSize', 'testSplit', 'digit', 'label'] as const) {
    const value = o[option];
    if (value !== undefined && value !== 0) throw new OptionError(option, value, 'applies to data named by --data');
  }
  if (o.ignore.length > 0) throw new OptionError('ignore', o.ignore, 'applies to data named by --data');
  if (o.missing !== 'refuse') throw new OptionError('missing', o.missing, 'applies to data named by --data');
  const { data, test } = o;
  if (test && (test.inDim !== data.inDim || test.outDim !== data.outDim)) {
    const shape = (d: Dataset) => `${d.inDim} inputs, ${d.outDim} outputs`;
    throw new OptionError('test', test.name, `has ${shape(test)}, expected ${shape(data)} as data ${data.name}`);
  }
  return finishSource({ train: data, test }, p.encoding ?? plainEncoding(data.inDim), opts);
}
