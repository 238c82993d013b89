// A frame of an episode as text, for a terminal: the shapes of draw() laid on
// a grid of characters over the task's view (y up), a rectangle filled with
// '#', a circle with 'o', a line traced by cells along it with '*'. Later
// shapes cover earlier ones, as in the SVG.

import type { Shape, View } from '../tasks/environment.ts';

export interface Grid {
  cols: number;
  rows: number;
}

/** The frame's rows of text, top row first. */
export function frameText(shapes: readonly Shape[], view: View, grid: Grid): string[] {
  const { cols, rows } = grid;
  const cells = Array.from({ length: rows }, () => Array<string>(cols).fill(' '));
  // A cell's centre in world units.
  const x = (c: number) => view.xMin + ((c + 0.5) / cols) * (view.xMax - view.xMin);
  const y = (r: number) => view.yMax - ((r + 0.5) / rows) * (view.yMax - view.yMin);
  const cellOf = (wx: number, wy: number) => [
    Math.floor(((view.yMax - wy) / (view.yMax - view.yMin)) * rows),
    Math.floor(((wx - view.xMin) / (view.xMax - view.xMin)) * cols),
  ];
  const put = (r: number, c: number, ch: string) => {
    if (r >= 0 && r < rows && c >= 0 && c < cols) cells[r][c] = ch;
  };
  for (const s of shapes) {
    if (s.kind === 'rect') {
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++)
          if (x(c) >= s.x && x(c) <= s.x + s.w && y(r) >= s.y && y(r) <= s.y + s.h) put(r, c, '#');
    } else if (s.kind === 'circle') {
      for (let r = 0; r < rows; r++)
        for (let c = 0; c < cols; c++) if ((x(c) - s.cx) ** 2 + (y(r) - s.cy) ** 2 <= s.r ** 2) put(r, c, 'o');
      const [r, c] = cellOf(s.cx, s.cy);
      put(r, c, 'o'); // a circle smaller than a cell still shows
    } else {
      // Samples half a cell apart: a line shows as a trail of cells, corners cut at most.
      const n = 2 * Math.max(cols, rows);
      for (let k = 0; k <= n; k++) {
        const [r, c] = cellOf(s.x1 + ((s.x2 - s.x1) * k) / n, s.y1 + ((s.y2 - s.y1) * k) / n);
        put(r, c, '*');
      }
    }
  }
  return cells.map((row) => row.join('').trimEnd());
}
