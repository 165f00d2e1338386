// Renders a PanelModel: the parameter summary, trainable parameters by module kind, the memory
// chart with its parts, the learning-rate table with citations and the log-log law chart.
import type uPlot from 'uplot';
import type { ApplyField } from '../src/core/panel/protocol';
import type { LawRow, PanelModel } from '../src/core/panel/types';
import { memoryChart, lawChart, seriesColor } from './charts';
import { clear, el } from './dom';
import { compact, exact, gb, lr, percent } from './format';
import { mergeSection } from './merge';

export interface ResultEvents {
  apply(field: ApplyField, value: number): void;
}

function section(id: string, title: string): HTMLElement {
  const s = el('section', { id, 'aria-labelledby': `h-${id}` });
  s.append(el('h2', { id: `h-${id}` }, title));
  return s;
}

export class Results {
  private charts: uPlot[] = [];
  private last: PanelModel | undefined;
  private applicable = new Set<ApplyField>();

  constructor(
    private readonly root: HTMLElement,
    private readonly events: ResultEvents,
  ) {}

  setApplicable(fields: ApplyField[]): void {
    this.applicable = new Set(fields);
  }

  /** Draws `m`; returns a one-line summary of what is shown. */
  render(m: PanelModel): string {
    this.last = m;
    for (const c of this.charts.splice(0)) c.destroy();
    clear(this.root);
    // A merge has its own estimate and nothing of a training run to show.
    if (m.merge) {
      this.root.append(mergeSection(m.merge));
      return m.merge.headline;
    }
    const width = Math.max(320, Math.min(760, this.root.clientWidth - 8));
    const summary = el('section', { id: 'summary', 'aria-labelledby': 'h-summary' });
    summary.append(el('h2', { id: 'h-summary' }, `Results for ${m.modelLabel}`));
    const line = this.summaryLine(m);
    summary.append(el('p', { class: 'big', id: 'params' }, line));
    if (m.effectiveBatch) {
      const tokens = m.effectiveBatch.tokens !== null ? ` = ${exact(m.effectiveBatch.tokens)} tokens` : '';
      summary.append(
        el(
          'p',
          { id: 'batch' },
          `Effective batch: ${exact(m.effectiveBatch.sequences)} sequences per optimizer step${tokens}`,
        ),
      );
    }
    if (m.params) summary.append(el('p', { class: 'muted' }, `Counted by ${m.params.basis}`));
    for (const p of [...m.problems, ...(m.params?.warnings ?? [])])
      summary.append(el('p', { class: 'problem' }, p));
    this.root.append(summary);
    if (m.params) this.root.append(this.kinds(m));
    if (m.memory) this.root.append(this.memory(m, width));
    this.root.append(this.laws(m));
    if (m.lawChart) this.root.append(this.lawPlot(m, width));
    return line;
  }

  /** Theme changed: charts read colours when built, so build them again. */
  redraw(): void {
    if (this.last) this.render(this.last);
  }

  private summaryLine(m: PanelModel): string {
    const p = m.params;
    const params = p
      ? `Trainable ${exact(p.trainable)} of ${exact(p.total)} parameters (${percent(p.percent)})`
      : 'Trainable parameters: not computed';
    const mem = m.memory
      ? `; memory ≈ ${gb(m.memory.totalBytes)} peak allocated (${m.memory.rangeShort})${m.memory.fitsOn ? `, fits ${m.memory.fitsOn}` : ', above the largest GPU listed'}`
      : '';
    return params + mem;
  }

  private kinds(m: PanelModel): HTMLElement {
    const s = section('kinds', 'Trainable parameters by module kind');
    const max = Math.max(...(m.params?.byKind.map((k) => k.params) ?? [1]));
    const list = el('ul', { class: 'bars' });
    for (const k of m.params?.byKind ?? []) {
      const item = el('li');
      item.append(el('span', { class: 'bar-label' }, k.kind));
      const track = el('span', { class: 'bar-track', 'aria-hidden': 'true' });
      const fill = el('span', { class: 'bar-fill' });
      fill.style.width = `${(100 * k.params) / max}%`;
      track.append(fill);
      item.append(track, el('span', { class: 'bar-value' }, `${exact(k.params)} params`));
      list.append(item);
    }
    s.append(list);
    return s;
  }

  private memory(m: PanelModel, width: number): HTMLElement {
    const mem = m.memory!;
    const s = section('memory', 'Training memory per GPU (estimate)');
    const legend = el('ul', { class: 'legend' });
    mem.groupLabels.forEach((label, i) => {
      const item = el('li');
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.background = seriesColor(i);
      item.append(swatch, document.createTextNode(`${label}: ${gb(mem.bars[mem.current]?.groups[i] ?? 0)}`));
      legend.append(item);
    });
    const chart = el('div', {
      class: 'chart',
      role: 'img',
      'aria-label': `Stacked memory per micro-batch; yours ${gb(mem.totalBytes)}; dashed lines are GPU sizes`,
    });
    const readings = el('ul', { class: 'readings' });
    for (const r of mem.readings) readings.append(el('li', {}, r));
    s.append(readings, legend, chart);
    this.charts.push(memoryChart(chart, mem, width));
    const table = el('table', { class: 'parts' });
    const head = el('tr');
    for (const h of ['Part', 'Size', 'Formula', 'Source']) head.append(el('th', { scope: 'col' }, h));
    table.append(head);
    for (const p of mem.parts) {
      const tr = el('tr');
      tr.append(
        el('td', {}, p.label),
        el('td', { class: 'num' }, gb(p.bytes)),
        el('td', { class: 'formula' }, p.formula),
        el('td', {}, p.source),
      );
      table.append(tr);
    }
    s.append(table);
    for (const n of mem.notes) s.append(el('p', { class: 'muted' }, n));
    return s;
  }

  private laws(m: PanelModel): HTMLElement {
    const s = section('laws', 'Learning rate: published laws and recommendations');
    const table = el('table', { class: 'laws' });
    const head = el('tr');
    for (const h of ['Source', 'Learning rate', 'Role', 'Fitted range', 'Versus yours', ''])
      head.append(el('th', { scope: 'col' }, h));
    table.append(head);
    for (const r of m.laws) table.append(this.lawRow(r));
    s.append(table);
    return s;
  }

  private lawRow(r: LawRow): HTMLElement {
    const tr = el('tr', { class: r.applies });
    const source = el('td');
    const link = el('a', { href: r.url, title: r.formula }, r.title);
    source.append(link, el('span', { class: 'muted' }, r.arxiv ? ` arXiv ${r.arxiv}` : ' (blog post)'));
    if (r.unverified) source.append(el('span', { class: 'tag warn' }, 'unverified'));
    const range = r.inRange === null ? '—' : r.inRange ? 'inside' : 'outside (extrapolation)';
    tr.append(
      source,
      el('td', { class: 'num' }, lr(r.learningRate)),
      el('td', {}, r.applies === 'recommendation' ? 'recommendation' : 'context only'),
      el('td', {}, range),
      el('td', {}, r.comparison ?? '—'),
    );
    const cell = el('td');
    // Only recommendations can be applied: a pre-training law's optimum is context for a fine-tune.
    if (r.learningRate !== null && r.applies === 'recommendation' && this.applicable.has('learningRate')) {
      const b = el(
        'vscode-button',
        { secondary: true, class: 'apply-lr', title: `Write ${lr(r.learningRate)} as the learning rate` },
        'Apply',
      );
      b.addEventListener('click', () =>
        this.events.apply('learningRate', Number(r.learningRate!.toPrecision(3))),
      );
      cell.append(b);
    }
    tr.append(cell);
    return tr;
  }

  private lawPlot(m: PanelModel, width: number): HTMLElement {
    const c = m.lawChart!;
    const s = section('lawchart', 'Learning rate against model size (log-log)');
    const legend = el('ul', { class: 'legend' });
    c.curves.forEach((curve, i) => {
      const item = el('li');
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.background = seriesColor(i);
      const notes = [
        curve.applies === 'context' ? 'context, dashed' : '',
        curve.fitted.length ? 'shaded: fitted range' : '',
      ].filter(Boolean);
      item.append(
        swatch,
        document.createTextNode(curve.title + (notes.length ? ` (${notes.join('; ')})` : '')),
      );
      legend.append(item);
    });
    if (c.band) {
      const item = el('li', { id: 'sweep-band' });
      const swatch = el('span', { class: 'swatch', 'aria-hidden': 'true' });
      swatch.style.opacity = '0.4';
      swatch.style.background = 'var(--vscode-foreground)';
      item.append(swatch, document.createTextNode(`${c.band.label}: ${bandText(c.band)} (band)`));
      legend.append(item);
    }
    const yours = c.point
      ? `your model ${compact(c.point.params)} params${c.point.learningRate !== null ? `, LR ${lr(c.point.learningRate)} (dot)` : ''} (dashed line)`
      : '';
    const chart = el('div', {
      class: 'chart',
      role: 'img',
      'aria-label': `Learning rate of each law against total parameters; ${yours}${c.band ? `; ${c.band.label} ${bandText(c.band)} as a band` : ''}`,
    });
    s.append(legend);
    if (c.curves.length) {
      s.append(chart, el('p', { class: 'muted' }, `${yours}. ${c.assumption}`));
      this.charts.push(lawChart(chart, c, width));
    }
    if (c.omitted.length) {
      const list = el('ul', { class: 'omitted muted', 'aria-label': 'Laws not charted' });
      for (const o of c.omitted) list.append(el('li', {}, `${o.title}: ${o.needs}`));
      s.append(el('p', { class: 'muted' }, 'Not charted:'), list);
    }
    return s;
  }
}

/** "1.00e-6 – 1.00e-5" for a sweep's range. */
function bandText(b: { min: number; max: number }): string {
  return b.min === b.max ? lr(b.min) : `${lr(b.min)} – ${lr(b.max)}`;
}
