// predict on a user's table file: its rows read as the model reads them
// (table-rows.ts), predicted, and, for --out, written back beside the file's
// own rows in its own dialect (data/csv-out.ts): the class and one probability
// per class for a classifier, the value in the target's units for a
// regression, and for a row not predicted an empty prediction and the reason.

import { readFileSync } from 'node:fs';
import { readCsvFile } from '../data/csv.ts';
import { appendColumns, type OutCell } from '../data/csv-out.ts';
import type { TableOptions } from '../data/encode-table.ts';
import { className } from '../data/encoding.ts';
import type { Table } from '../data/table.ts';
import { encodingOf } from './apply.ts';
import type { Model } from './model-file.ts';
import { type Predictions, predictTable } from './predictions.ts';
import { tableRows } from './table-rows.ts';

export interface FilePredictions {
  p: Predictions;
  /** The file's text with the predictions appended (read again from the file). */
  csv: () => string;
}

export function predictFile(model: Model, path: string, o: TableOptions): FilePredictions {
  const t = readCsvFile(path);
  const { nodes } = model.net;
  const rows = tableRows(t, o, encodingOf(model), nodes[nodes.length - 1]);
  const p = predictTable(model, t, rows);
  return { p, csv: () => predictionsCsv(model, t, readFileSync(path, 'utf8'), p) };
}

/** The names of the columns predict appends: the prediction, one probability per class, the reason. */
export function predictionColumns(model: Model): string[] {
  const enc = encodingOf(model);
  const outs = model.net.nodes[model.net.nodes.length - 1];
  const classes = model.loss === 'mse' ? 0 : outs === 1 ? 2 : outs;
  const names = Array.from({ length: classes }, (_, k) => `p(${className(enc, k)})`);
  return [`predicted ${enc.target.name}`, ...names, 'reason'];
}

function predictionsCsv(model: Model, t: Table, text: string, p: Predictions): string {
  const header = predictionColumns(model);
  const byLine = new Map(p.samples.map((s) => [s.line, s]));
  const why = new Map((p.unpredicted ?? []).map((u) => [u.line, `column ${JSON.stringify(u.column)}: ${u.problem}`]));
  const empty = header.slice(1).map(() => '');
  return appendColumns(text, t, header, (r): OutCell[] => {
    const s = byLine.get(t.lines[r]);
    if (!s) return ['', ...empty.slice(1), why.get(t.lines[r]) ?? ''];
    if (s.class === null) return [Number(s.outputs[0].toPrecision(8)), ''];
    const probs = s.outputs.length === 1 ? [1 - s.outputs[0], s.outputs[0]] : s.outputs;
    return [String(s.class), ...probs.map((v) => Number(v.toFixed(6))), ''];
  });
}

/**
 * What to say of the rows not predicted: each (the first `shown`) by line and
 * column, then how many; `failed`: those that are not a missing cell dropped
 * as --missing drop asks.
 */
export function unpredictedNotes(
  name: string,
  p: Predictions,
  drop: boolean,
  shown = 10,
): { notes: string[]; failed: number } {
  const all = p.unpredicted ?? [];
  const failed = all.filter((u) => !(drop && u.missing));
  const notes = failed
    .slice(0, shown)
    .map((u) => `${name} line ${u.line}, column ${JSON.stringify(u.column)}: ${u.problem}, row not predicted`);
  if (failed.length > shown) notes.push(`${name}: and ${failed.length - shown} more not predicted`);
  const dropped = all.length - failed.length;
  if (dropped > 0)
    notes.push(
      `${name}: ${dropped} row${dropped === 1 ? '' : 's'} with a missing value not predicted (--missing drop)`,
    );
  // The count of all rows left out, dropped ones too, so that it adds up with the lines above.
  if (failed.length > 0) notes.push(`${name}: ${all.length} of ${p.samples.length + all.length} rows not predicted`);
  return { notes, failed: failed.length };
}
