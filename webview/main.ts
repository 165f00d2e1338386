// Browser side of the estimator panel (bundled to dist/webview.js). Talks to the extension only
// through the typed protocol in src/core/panel/protocol.ts, validating every message it receives;
// keeps its inputs in getState/setState so a reload (or the serializer) restores them.
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-label/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import uplotCss from 'uplot/dist/uPlot.min.css';
import panelCss from './styles.css';
import {
  assertNever,
  parseHostMessage,
  type ApplyField,
  type HostMessage,
  type PanelState,
  type WebviewMessage,
} from '../src/core/panel/protocol';
import { Controls } from './controls';
import { byId, clear, el } from './dom';
import { Results } from './results';

const vscode = acquireVsCodeApi<PanelState>();
const COMPUTE_DELAY_MS = 150;
let seq = 0;
let timer: ReturnType<typeof setTimeout> | undefined;
let docUri: string | undefined;

function send(message: WebviewMessage): void {
  vscode.postMessage(message);
}

function adoptStyles(): void {
  document.adoptedStyleSheets = [uplotCss, panelCss].map((text) => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    return sheet;
  });
}

function layout(): { header: HTMLElement; form: HTMLElement; results: HTMLElement; status: HTMLElement } {
  const app = byId('app');
  clear(app);
  const header = el('header', { id: 'follow' });
  const status = el('p', { id: 'status', role: 'status', 'aria-live': 'polite' });
  const form = el('form', { id: 'controls', 'aria-label': 'What-if inputs' });
  form.addEventListener('submit', (e) => e.preventDefault());
  const results = el('div', { id: 'results' });
  app.append(header, status, el('div', { class: 'columns' }, undefined));
  app.querySelector('.columns')!.append(form, results);
  app.removeAttribute('aria-busy');
  return { header, form, results, status };
}

const ui = layout();
const controls = new Controls(ui.form, {
  changed: () => scheduleCompute(),
  apply: (field, value) => apply(field, value),
  applySharding: (value) => {
    ui.status.textContent = 'Applying sharding…';
    send({ type: 'applySharding', value });
  },
});
const results = new Results(ui.results, { apply: (field, value) => apply(field, value) });

function apply(field: ApplyField, value: number | string): void {
  ui.status.textContent = `Applying ${field}…`;
  send({ type: 'apply', field, value });
}

function scheduleCompute(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    if (!controls.inputs) return;
    vscode.setState({ docUri, inputs: controls.inputs });
    send({ type: 'compute', seq: ++seq, inputs: controls.inputs });
  }, COMPUTE_DELAY_MS);
}

function showFollowed(doc: Extract<HostMessage, { type: 'document' }>['doc']): void {
  clear(ui.header);
  ui.header.append(
    el(
      'span',
      {},
      doc
        ? `Following ${doc.name} (${doc.dialect})${doc.note ? `: ${doc.note}` : ''}`
        : 'No config file open: exploring on your own',
    ),
  );
  const reset = el(
    'vscode-button',
    { secondary: true, id: 'reset', title: 'Reload the values from the config file' },
    'Reset to file',
  );
  reset.addEventListener('click', () => send({ type: 'reset' }));
  if (doc) ui.header.append(reset);
}

function handle(msg: HostMessage): void {
  switch (msg.type) {
    case 'options':
      controls.build(msg);
      return;
    case 'document': {
      const same = msg.doc !== null && msg.doc.uri === docUri;
      docUri = msg.doc?.uri;
      showFollowed(msg.doc);
      results.setApplicable(msg.applicable);
      controls.show(msg.inputs, msg.applicable, same);
      scheduleCompute();
      return;
    }
    case 'result': {
      if (msg.seq !== seq) return; // an older answer; a newer request is on its way
      // The what-if controls are for training runs; a merge's numbers come from its file alone.
      ui.form.hidden = msg.model.merge !== null;
      const summary = results.render(msg.model);
      send({ type: 'rendered', seq: msg.seq, summary });
      return;
    }
    case 'applied':
      ui.status.textContent = msg.message;
      ui.status.className = msg.ok ? '' : 'problem';
      return;
    default:
      assertNever(msg);
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const parsed = parseHostMessage(event.data);
  if (!parsed.ok) {
    ui.status.textContent = `Ignored a malformed message from the extension: ${parsed.error}`;
    return;
  }
  handle(parsed.message);
});

// VS Code toggles vscode-light / vscode-dark / vscode-high-contrast on <body>: recolour the charts.
new MutationObserver(() => results.redraw()).observe(document.body, {
  attributes: true,
  attributeFilter: ['class'],
});
let resizeTimer: ReturnType<typeof setTimeout> | undefined;
window.addEventListener('resize', () => {
  if (resizeTimer) clearTimeout(resizeTimer);
  resizeTimer = setTimeout(() => results.redraw(), 200);
});

adoptStyles();
const saved = vscode.getState();
docUri = saved?.docUri;
// The saved inputs belong to the document they were saved for; the host uses them only for that one.
send({ type: 'ready', restored: saved?.inputs ?? null, restoredDoc: saved?.docUri ?? null });
