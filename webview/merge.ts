// Renders a mergekit merge's estimate: the merged model's count and layers, each input's and the
// output's size at its dtype, and the disk and memory the merge needs, with the CodeLens's own words.
import '@vscode-elements/elements/dist/vscode-badge/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import type { MergeModelRow, PanelMerge } from '../src/core/panel/types';
import { el } from './dom';
import { exact, gb } from './format';

const cell = (x: number | null, f: (n: number) => string, cls = 'num'): HTMLElement =>
  el('td', { class: cls }, x === null ? '—' : f(x));

function modelRow(r: MergeModelRow): HTMLElement {
  const tr = el('tr', { class: r.role });
  tr.append(
    el('td', {}, r.role === 'output' ? `${r.ref} (output)` : r.ref),
    cell(r.params, exact),
    cell(r.bytes, gb),
    el('td', {}, r.problem ?? r.dtype ?? '—'),
  );
  return tr;
}

function table(headers: string[], rows: HTMLElement[], attrs: Record<string, string>): HTMLElement {
  const t = el('table', attrs);
  const head = el('tr');
  for (const h of headers) head.append(el('th', { scope: 'col' }, h));
  t.append(head, ...rows);
  return t;
}

export function mergeSection(m: PanelMerge): HTMLElement {
  const s = el('section', { id: 'merge', 'aria-labelledby': 'h-merge' });
  s.append(el('h2', { id: 'h-merge' }, `Merge estimate (mergekit ${m.method})`));
  const head = el('p', { class: 'big', id: 'merge-headline' }, m.headline);
  if (m.layers !== null && m.baseLayers !== null && m.layers !== m.baseLayers) {
    const badge = el('vscode-badge', { id: 'merge-layers' }, `${m.layers} layers (base ${m.baseLayers})`);
    head.append(' ', badge);
  }
  s.append(head);
  if (m.params !== null) s.append(el('p', { id: 'merge-exact' }, `Exact: ${exact(m.params)} parameters`));
  for (const p of [...m.shapeMismatches.map((x) => `Shape mismatch: ${x}`), ...m.problems])
    s.append(el('p', { class: 'problem' }, p));
  s.append(
    table(['Model', 'Parameters', 'Size', 'dtype'], m.models.map(modelRow), {
      id: 'merge-models',
      class: 'parts',
    }),
  );
  const needs: [string, number | null][] = [
    ['Inputs (downloaded)', m.needs.inputBytes],
    ['Output (written)', m.needs.outputBytes],
    ['Disk in all', m.needs.diskBytes],
    ['Working memory (at least)', m.needs.workingBytes],
  ];
  s.append(
    table(
      ['Need', 'Size'],
      needs.map(([label, bytes]) => {
        const tr = el('tr');
        tr.append(el('td', {}, label), cell(bytes, gb));
        return tr;
      }),
      { id: 'merge-needs', class: 'parts' },
    ),
  );
  const how = el('vscode-collapsible', { id: 'merge-how', heading: 'How these are counted' });
  for (const line of [...(m.formula ? [`${m.method}: ${m.formula}`] : []), ...m.needLines])
    how.append(el('p', { class: 'muted' }, line));
  s.append(how);
  return s;
}
