// How the CLI shows a task run: its headline and "for this task" line, a line
// per report with the training and held-out returns, notes, and the summary.

import type { TaskNoteEvent, TaskProgress, TaskStartEvent } from '../train/events.ts';
import type { TaskResult } from '../train/task-train.ts';

/** A return to four figures, or one decimal past 1,000: an accuracy's 0.95 and CartPole's 500.0 alike. */
const fig = (v: number) => (Math.abs(v) >= 1000 ? v.toFixed(1) : v.toPrecision(4));

export function taskEventText(e: TaskStartEvent | ({ type: 'task-progress' } & TaskProgress) | TaskNoteEvent): string {
  if (e.type === 'task-note') return `iteration ${e.iteration}: ${e.note}`;
  if (e.type === 'task-progress') {
    const train = Number.isNaN(e.trainReturn) ? '' : `training return ${fig(e.trainReturn)}, `;
    return `${e.iteration} ${train}held-out ${fig(e.heldOutReturn)} (best ${fig(e.bestHeldOut)})  (${(e.elapsedMs / 1000).toFixed(2)} s, ${e.episodes} episodes)`;
  }
  const target = Number.isFinite(e.targetReturn) ? `, target ${e.targetReturn}` : '';
  const lines = [
    `net ${JSON.stringify(e.nodes)} ${e.func}, ${e.params} weights; task ${e.task}, ${e.heldOut} held-out episodes${target}; method ${e.method}, ${e.evalsPerIter} episodes an iteration`,
  ];
  if (e.chosen.length > 0) lines.push(`for this task: ${e.chosen.join(' ')}`);
  return lines.join('\n');
}

export function taskSummaryText(r: TaskResult, out: string): string {
  return [
    `stopped:    ${r.stopReason}`,
    `iterations: ${r.iterations}`,
    `kept:       iteration ${r.bestIteration}, the best held-out mean`,
    Number.isFinite(r.heldOutReturn)
      ? `held-out:   ${fig(r.heldOutReturn)} mean return over ${r.run.s.heldOut} episodes`
      : 'held-out:   not scored: the run stopped before its first report (the model holds the first weights)',
    `wall time:  ${(r.elapsedMs / 1000).toFixed(3)} s`,
    `threads:    ${r.threads} (${r.runner})`,
    `model:      ${out}`,
  ].join('\n');
}
