// An episode's frame as text: shapes laid on a character grid over the view.
import { describe, expect, it } from 'vitest';
import { frameText } from '../src/plot/episode-text.ts';
import { cartpole } from '../src/tasks/cartpole.ts';
import type { View } from '../src/tasks/environment.ts';

const view: View = { xMin: 0, xMax: 10, yMin: 0, yMax: 4 };

describe('a frame as text', () => {
  it('fills a rectangle’s cells with #, y up', () => {
    const rows = frameText([{ kind: 'rect', x: 0, y: 0, w: 5, h: 2, color: 'red' }], view, { cols: 10, rows: 4 });
    // The lower half of the rows, the left half of the columns.
    expect(rows).toEqual(['', '', '#####', '#####']);
  });

  it('traces a line through the cells it crosses and lays later shapes over earlier ones', () => {
    const across = { kind: 'line', x1: 0.5, y1: 1.5, x2: 9.5, y2: 1.5, width: 0.1, color: 'k' } as const;
    const up = { kind: 'line', x1: 2.5, y1: 0.5, x2: 2.5, y2: 3.5, width: 0.1, color: 'k' } as const;
    const dot = { kind: 'circle', cx: 9.5, cy: 1.5, r: 0.1, color: 'k' } as const;
    // y 1.5 is the third row from the top; x 2.5 the third column.
    expect(frameText([across, up, dot], view, { cols: 10, rows: 4 })).toEqual(['  *', '  *', '*********o', '  *']);
  });

  it('draws a balanced cart-pole as a pole upright over a cart', () => {
    const rows = frameText(cartpole.draw?.(Float64Array.of(0, 0, 0, 0)) ?? [], cartpole.view as View, {
      cols: 40,
      rows: 12,
    });
    const pole = rows.filter((r) => r.trim() === '*').map((r) => r.indexOf('*'));
    expect(new Set(pole).size).toBe(1); // one column: upright
    expect(rows.some((r) => r.includes('#'))).toBe(true);
  });
});
