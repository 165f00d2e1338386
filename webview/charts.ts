// The panel's two uPlot charts, coloured from the VS Code theme (--vscode-charts-*): stacked memory
// bars per micro-batch against GPU sizes, and each law's learning rate against model size on log-log
// axes with the fitted ranges shaded and the user's point marked. Rebuilt when the theme changes.
import uPlot from 'uplot';
import type { LawChart, PanelMemory, SweepBand } from '../src/core/panel/types';
import { el, themeColor } from './dom';
import { compact, gb } from './format';
import { toGB } from '../src/core/present/units';

const PALETTE = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
  '--vscode-charts-foreground',
];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700', '#cccccc'];

export function seriesColor(i: number): string {
  return themeColor(PALETTE[i % PALETTE.length], FALLBACK[i % FALLBACK.length]);
}

/** Splits a log axis at powers of ten only: one grid line per decade instead of nine. */
const decades: uPlot.Axis['splits'] = (_u, _axis, min, max) => {
  const out: number[] = [];
  for (let e = Math.ceil(Math.log10(min) - 1e-9); e <= Math.floor(Math.log10(max) + 1e-9); e++)
    out.push(10 ** e);
  return out;
};

function axis(label: string, values?: uPlot.Axis['values'], log = false): uPlot.Axis {
  const fg = themeColor('--vscode-foreground', '#ccc');
  const grid = themeColor('--vscode-charts-lines', 'rgba(128,128,128,0.35)');
  return {
    label,
    stroke: fg,
    grid: { stroke: grid, width: 1 },
    ticks: { stroke: grid, width: 1 },
    values,
    font: '11px sans-serif',
    labelFont: '12px sans-serif',
    ...(log ? { splits: decades } : {}),
  };
}

/** Stacked bars: each series is drawn from 0 to its cumulative top, largest first, so later ones sit on top. */
export function memoryChart(target: HTMLElement, mem: PanelMemory, width: number): uPlot {
  const xs = mem.bars.map((_, i) => i);
  const cumulative = mem.groupLabels.map((_, g) =>
    mem.bars.map((b) => toGB(b.groups.slice(0, g + 1).reduce((s, x) => s + x, 0))),
  );
  const order = mem.groupLabels.map((_, g) => g).reverse();
  const fits = mem.gpus.find((g) => g.bytes >= mem.totalBytes);
  const top =
    Math.max(
      ...mem.bars.map((b) => toGB(b.totalBytes)),
      toGB(fits?.bytes ?? mem.gpus[mem.gpus.length - 1].bytes),
    ) * 1.08;
  const fg = themeColor('--vscode-foreground', '#ccc');
  const opts: uPlot.Options = {
    width,
    height: 260,
    padding: [12, 150, 0, 0],
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false, range: [-0.6, xs.length - 0.4] }, y: { range: [0, top] } },
    axes: [
      axis('micro-batch (sequences per device)', (_u, splits) =>
        splits.map((i) =>
          Number.isInteger(i) && mem.bars[i]
            ? `${mem.bars[i].microBatch}${i === mem.current ? ' (yours)' : ''}`
            : '',
        ),
      ),
      axis('GB (1 GB = 1e9 bytes)', (_u, splits) => splits.map((v) => `${v}`)),
    ],
    series: [
      {},
      ...order.map((g) => ({
        label: mem.groupLabels[g],
        stroke: seriesColor(g),
        fill: seriesColor(g),
        alpha: 0.9,
        width: 0,
        paths: uPlot.paths.bars?.({ size: [0.55, 70] }),
        points: { show: false },
      })),
    ],
    hooks: {
      draw: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.font = `${11 * devicePixelRatio}px sans-serif`;
          const gap = 13 * devicePixelRatio;
          let lastLabel = Infinity;
          for (const g of mem.gpus) {
            if (toGB(g.bytes) > top) continue;
            const y = u.valToPos(toGB(g.bytes), 'y', true);
            // Close sizes (40/48 GB) would print on top of each other: nudge the label up, not the line.
            const labelY = Math.min(y, lastLabel - gap);
            lastLabel = labelY;
            ctx.strokeStyle = fg;
            ctx.setLineDash([4 * devicePixelRatio, 4 * devicePixelRatio]);
            ctx.beginPath();
            ctx.moveTo(u.bbox.left, y);
            ctx.lineTo(u.bbox.left + u.bbox.width, y);
            ctx.stroke();
            // Labels go in the right-hand padding, clear of the bars.
            ctx.textAlign = 'left';
            ctx.textBaseline = 'middle';
            ctx.fillStyle = fg;
            ctx.fillText(g.label, u.bbox.left + u.bbox.width + 6 * devicePixelRatio, labelY);
          }
          ctx.restore();
        },
      ],
    },
  };
  return new uPlot(opts, [xs, ...order.map((g) => cumulative[g])], target);
}

/** Positions the sweep's band (min … max on the y scale) over the plot area, creating it on the first draw. */
function placeBand(u: uPlot, band: SweepBand): void {
  let div = u.over.querySelector<HTMLElement>('.sweep-band');
  if (!div) {
    div = el('div', {
      class: 'sweep-band',
      'aria-hidden': 'true',
      'data-min': band.min,
      'data-max': band.max,
    });
    u.over.append(div);
  }
  // CSS pixels from the top of the plot area (u.over), where valToPos without canvas pixels measures.
  const top = u.valToPos(band.max, 'y');
  const bottom = u.valToPos(band.min, 'y');
  div.style.top = `${top}px`;
  div.style.height = `${Math.max(2, bottom - top)}px`;
}

function bandEdge(label: string): uPlot.Series {
  return { label, stroke: 'transparent', width: 0, points: { show: false } };
}

export function lawChart(target: HTMLElement, chart: LawChart, width: number): uPlot {
  const fg = themeColor('--vscode-foreground', '#ccc');
  const point = chart.point;
  const band = chart.band;
  const pointSeries = chart.params.map((x) =>
    point && point.learningRate !== null && x === point.params ? point.learningRate : null,
  );
  const opts: uPlot.Options = {
    width,
    height: 300,
    legend: { show: false },
    scales: { x: { time: false, distr: 3, log: 10 }, y: { distr: 3, log: 10 } },
    // Log axes hand null for ticks that get no label.
    axes: [
      axis('total parameters', (_u, splits) => splits.map((v) => (v == null ? '' : compact(v))), true),
      axis('learning rate', (_u, splits) => splits.map((v) => (v == null ? '' : v.toExponential(0))), true),
    ],
    series: [
      {},
      // Recommendations solid and thick, context (pre-training laws on a fine-tune) thin and dashed.
      ...chart.curves.map((c, i) => ({
        label: c.title,
        stroke: seriesColor(i),
        width: c.applies === 'recommendation' ? 2.5 : 1.5,
        dash: c.applies === 'recommendation' ? undefined : [6, 4],
        spanGaps: true,
        points: { show: false },
      })),
      {
        label: 'your learning rate',
        stroke: fg,
        fill: fg,
        width: 0,
        points: { show: true, size: 10, stroke: fg, fill: fg },
      },
      // A sweep's range: two invisible series so the y scale includes it; the band itself is drawn below.
      ...(band ? [bandEdge(`${band.label} min`), bandEdge(`${band.label} max`)] : []),
    ],
    hooks: {
      drawClear: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          // Theme colours come in any CSS syntax, so transparency goes through globalAlpha.
          ctx.globalAlpha = 0.1;
          chart.curves.forEach((c, i) => {
            ctx.fillStyle = seriesColor(i);
            for (const [a, b] of c.fitted) {
              const x0 = u.valToPos(a, 'x', true),
                x1 = u.valToPos(b, 'x', true);
              ctx.fillRect(x0, u.bbox.top, Math.max(1, x1 - x0), u.bbox.height);
            }
          });
          ctx.globalAlpha = 1;
          if (point) {
            const x = u.valToPos(point.params, 'x', true);
            ctx.strokeStyle = fg;
            ctx.setLineDash([3 * devicePixelRatio, 3 * devicePixelRatio]);
            ctx.beginPath();
            ctx.moveTo(x, u.bbox.top);
            ctx.lineTo(x, u.bbox.top + u.bbox.height);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
      // The sweep's band is an element over the plot, not paint: it stays inspectable (tests, dev tools).
      draw: band ? [(u) => placeBand(u, band)] : [],
    },
  };
  const edges = band ? [chart.params.map(() => band.min), chart.params.map(() => band.max)] : [];
  return new uPlot(opts, [chart.params, ...chart.curves.map((c) => c.lr), pointSeries, ...edges], target);
}

export { gb };
