// An episode as one self-contained animated SVG: a group per frame, each
// shown for its step's share of the loop by a discrete SMIL animation of its
// display (no script, so it plays in a browser, an <img> and most viewers).

import type { Shape, View } from '../tasks/environment.ts';

const WIDTH_PX = 480;

const num = (v: number) => (Math.round(v * 1000) / 1000).toString();

function shapeSvg(s: Shape): string {
  if (s.kind === 'line')
    return `<line x1="${num(s.x1)}" y1="${num(s.y1)}" x2="${num(s.x2)}" y2="${num(s.y2)}" stroke="${s.color}" stroke-width="${num(s.width)}" stroke-linecap="round"/>`;
  if (s.kind === 'rect')
    return `<rect x="${num(s.x)}" y="${num(s.y)}" width="${num(s.w)}" height="${num(s.h)}" fill="${s.color}"/>`;
  return `<circle cx="${num(s.cx)}" cy="${num(s.cy)}" r="${num(s.r)}" fill="${s.color}"/>`;
}

/** Frame i of n is displayed from i/n to (i+1)/n of the loop. */
function frameAnimation(i: number, n: number, seconds: number): string {
  const at = (k: number) => num(k / n);
  const [values, keyTimes] =
    n === 1
      ? ['inline', '0']
      : i === 0
        ? ['inline;none', `0;${at(1)}`]
        : i === n - 1
          ? ['none;inline', `0;${at(i)}`]
          : ['none;inline;none', `0;${at(i)};${at(i + 1)}`];
  return `<animate attributeName="display" values="${values}" keyTimes="${keyTimes}" dur="${num(seconds)}s" calcMode="discrete" repeatCount="indefinite"/>`;
}

/** The frames as an SVG that loops through them, `stepSeconds` each, with a caption under them. */
export function episodeSvg(frames: readonly Shape[][], view: View, stepSeconds: number, caption: string): string {
  const w = view.xMax - view.xMin;
  const h = view.yMax - view.yMin;
  const heightPx = Math.round((WIDTH_PX * h) / w);
  const seconds = frames.length * stepSeconds;
  // World units, y up: flip y inside the picture, not in the caption.
  const groups = frames.map(
    (shapes, i) =>
      `<g display="${i === 0 ? 'inline' : 'none'}">${frameAnimation(i, frames.length, seconds)}${shapes.map(shapeSvg).join('')}</g>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH_PX}" height="${heightPx + 28}" viewBox="0 0 ${WIDTH_PX} ${heightPx + 28}">`,
    '<rect width="100%" height="100%" fill="#fff"/>',
    `<svg x="0" y="0" width="${WIDTH_PX}" height="${heightPx}" viewBox="${num(view.xMin)} ${num(-view.yMax)} ${num(w)} ${num(h)}">`,
    `<g transform="scale(1,-1)">`,
    ...groups,
    '</g></svg>',
    `<text x="${WIDTH_PX / 2}" y="${heightPx + 19}" font-family="sans-serif" font-size="14" text-anchor="middle">${escapeXml(caption)}</text>`,
    '</svg>',
    '',
  ].join('\n');
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
