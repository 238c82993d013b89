// Charts are Vega-Lite specs: plain JSON a learner can also paste into the
// Vega editor. Here they become SVG, headlessly (vega's 'none' renderer), and
// PNG through resvg. Both libraries load on first use: training and the other
// commands never pay for them.

import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';

/** A Vega-Lite spec (top level), as plain data. */
export type ChartSpec = Record<string, unknown>;

/** The chart as an SVG document. */
export async function renderSvg(spec: ChartSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  // biome-ignore lint/suspicious/noExplicitAny: the spec is built by our own chart functions
  const compiled = vl.compile(spec as any).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** An SVG document as PNG bytes, `scale` times its own size. */
export async function renderPng(svg: string, scale = 1): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: scale }, background: 'white' }).render();
  return png.asPng();
}

/** The output formats, by the file's extension. */
export const CHART_FORMATS = ['.svg', '.png'] as const;

export function isChartPath(path: string): boolean {
  return (CHART_FORMATS as readonly string[]).includes(extname(path).toLowerCase());
}

/** Writes the chart as SVG or PNG (`scale` times the SVG's size) by the path's extension (.svg, .png). */
export async function writeChart(path: string, spec: ChartSpec, scale = 2): Promise<void> {
  if (!isChartPath(path)) throw new Error(`${path}: expected a file name ending in .svg or .png`);
  const svg = await renderSvg(spec);
  writeFileSync(path, extname(path).toLowerCase() === '.png' ? await renderPng(svg, scale) : svg);
}

/** A chart's title, saying so where the chart is of a regression (its loss is a squared error, not a class's). */
export function ofRegression(title: string, regression = false): string {
  return regression ? `${title}, a regression` : title;
}
