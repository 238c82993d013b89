// npm run bench:charts: how long the pictures take and how big their files
// are, for a 60,000-iteration run's history (and a 60,000-point history with
// test losses), a 1,000-point decision map and a grid of 36 digits; median of
// 5 runs each, after one to warm up.

import { cpus } from 'node:os';
import { spiral } from '../src/data/builtin.ts';
import { imagesToDataset } from '../src/data/images.ts';
import { builtinDigits } from '../src/data/mnist.ts';
import type { HistoryPoint } from '../src/model/history.ts';
import type { Model } from '../src/model/model-file.ts';
import { makeNet, xavierParams } from '../src/nn/network.ts';
import { curvesSpec } from '../src/plot/curves.ts';
import { decisionMapSpec } from '../src/plot/decision-map.ts';
import { digitsSpec } from '../src/plot/digits.ts';
import { type ChartSpec, renderPng, renderSvg } from '../src/plot/render.ts';
import { stream } from '../src/util/rng.ts';
import { median } from '../src/util/stats.ts';
import { parseScriptArgs } from './script-args.ts';

await parseScriptArgs(
  'bench:charts',
  'How long the pictures take to render, and how big their files are. No flags.',
  {},
);

const history: HistoryPoint[] = Array.from({ length: 60_000 }, (_, i) => ({
  iteration: i,
  loss: 2 / (1 + i / 100) + 0.01 * Math.sin(i),
  ms: i * 1.5,
  ...(i % 100 === 0 ? { testLoss: 2.2 / (1 + i / 100), testAccuracy: 0.9 } : {}),
}));
const net = makeNet([3, 16, 1], 'tanh');
const mapModel: Model = { net, params: xavierParams(net, stream('b', 'init')), loss: 'bce', meta: {} };
const dnet = makeNet([785, 32, 10]);
const digitModel: Model = { net: dnet, params: xavierParams(dnet, stream('b', 'd')), loss: 'ce', meta: {} };
const digits = imagesToDataset(
  builtinDigits(),
  Array.from({ length: 1000 }, (_, i) => i * 10),
  { name: 'digits' },
);

async function time(name: string, make: () => ChartSpec | Promise<ChartSpec>): Promise<void> {
  const runs: { svgMs: number; pngMs: number; svg: number; png: number }[] = [];
  for (let r = 0; r < 6; r++) {
    const t0 = performance.now();
    const svg = await renderSvg(await make());
    const t1 = performance.now();
    const png = await renderPng(svg, 1);
    const t2 = performance.now();
    if (r > 0) runs.push({ svgMs: t1 - t0, pngMs: t2 - t1, svg: svg.length, png: png.length });
  }
  const kB = (n: number) => `${(n / 1024).toFixed(0)} kB`;
  const svgMs = median(runs.map((x) => x.svgMs));
  const pngMs = median(runs.map((x) => x.pngMs));
  console.log(
    `${name.padEnd(34)} SVG ${svgMs.toFixed(0).padStart(5)} ms ${kB(runs[0].svg).padStart(7)}   + PNG ${pngMs.toFixed(0).padStart(4)} ms ${kB(runs[0].png).padStart(7)}`,
  );
}

console.log(`${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; median of 5 after a warm-up`);
await time('loss curves, 60,000 points', () => curvesSpec([{ label: 'run', history }]));
await time('loss curves, 3 runs of 60,000', () =>
  curvesSpec(
    ['a', 'b', 'c'].map((label) => ({ label, history })),
    { log: true },
  ),
);
await time('decision map, spiral 1,000 points', () => decisionMapSpec(mapModel, spiral(1000, '1')));
await time('36 digits (1,000 test images)', () => digitsSpec(digitModel, digits));
