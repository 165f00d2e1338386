// Builds the form: model and method pickers, the method's options, the training shape, with an
// "Apply" button beside each value the followed config can take. Every control has a label, and
// tab order follows reading order.
import type { ApplyField, HostMessage, MethodOption } from '../src/core/panel/protocol';
import type { PanelInputs } from '../src/core/panel/types';
import { SHARDING_CHOICES } from '../src/core/panel/sharding';
import { byId, clear, el } from './dom';
import {
  METHOD_FIELDS,
  TRAINING_FIELDS,
  parseNumber,
  readNumber,
  writeNumber,
  type NumberField,
} from './fields';

type Options = Extract<HostMessage, { type: 'options' }>;
type SelectOption = { label: string; value: string; description?: string; selected?: boolean };

/** The few properties of vscode-elements' controls this file uses. */
type ValueElement = HTMLElement & {
  value: string;
  options?: SelectOption[];
  invalid?: boolean;
  checked?: boolean;
};

export interface ControlEvents {
  changed(): void;
  apply(field: ApplyField, value: number | string): void;
  /** Writes the Sharding choice's ZeRO stage into the file that owns it (the host says which, or why none). */
  applySharding(value: string): void;
}

const SHARDING = SHARDING_CHOICES.map((c) => ({ value: c.id, label: c.label }));

const DTYPES = [
  { value: 'bf16', label: 'bf16 mixed precision' },
  { value: 'fp16', label: 'fp16 mixed precision' },
  { value: 'fp32', label: 'fp32' },
];
const QUANT = [
  { value: 'none', label: 'none (16-bit base)' },
  { value: '4bit', label: '4-bit NF4 (bitsandbytes)' },
  { value: '8bit', label: '8-bit LLM.int8()' },
];

function row(id: string, label: string, control: HTMLElement, unit?: string): HTMLElement {
  const wrap = el('div', { class: 'field', id: `row-${id}` });
  const lab = el('vscode-label', { for: id }, label);
  wrap.append(lab, control);
  if (unit) wrap.append(el('span', { class: 'unit' }, unit));
  return wrap;
}

function select(
  id: string,
  label: string,
  items: { value: string; label: string }[],
  combobox = false,
): ValueElement {
  const s = el('vscode-single-select', {
    id,
    'aria-label': label,
    ...(combobox ? { combobox: true, filter: 'contains' } : {}),
  }) as ValueElement;
  s.options = items.map((o) => ({ label: o.label, value: o.value }));
  return s;
}

export class Controls {
  private methods: MethodOption[] = [];
  private applicable = new Set<ApplyField>();
  inputs: PanelInputs | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly events: ControlEvents,
  ) {}

  build(options: Options): void {
    this.methods = options.methods;
    clear(this.root);
    const model = el('section', { 'aria-labelledby': 'h-model' });
    model.append(el('h2', { id: 'h-model' }, 'Model and method'));
    model.append(row('model', 'Model', select('model', 'Model', options.models, true)));
    model.append(
      row(
        'method',
        'Method',
        select(
          'method',
          'Method',
          options.methods.map((m) => ({ value: m.id, label: m.label })),
        ),
      ),
    );
    for (const f of METHOD_FIELDS) model.append(this.numberRow(f));
    const targets = el('vscode-textfield', {
      id: 'targets',
      'aria-label': 'Target modules',
      placeholder: 'PEFT default for this model',
    }) as ValueElement;
    model.append(
      this.withApply(
        row('targets', 'Target modules', targets, 'comma-separated, or all-linear'),
        'targetModules',
        () => targets.value,
      ),
    );
    const training = el('section', { 'aria-labelledby': 'h-training' });
    training.append(el('h2', { id: 'h-training' }, 'Training shape'));
    for (const f of TRAINING_FIELDS) {
      training.append(this.numberRow(f));
      if (f.key === 'devices') training.append(this.shardingRow());
    }
    training.append(row('dtype', 'Precision', select('dtype', 'Precision', DTYPES)));
    training.append(row('quant', 'Base weights', select('quant', 'Base weight quantization', QUANT)));
    training.append(row('optim', 'Optimizer', select('optim', 'Optimizer', options.optimizers)));
    const gc = el('vscode-checkbox', { id: 'gc', label: 'Gradient checkpointing' });
    const gcRow = el('div', { class: 'field', id: 'row-gc' });
    gcRow.append(gc);
    training.append(gcRow);
    this.root.append(model, training);
    this.listen();
  }

  private numberRow(f: NumberField): HTMLElement {
    const input = el('vscode-textfield', {
      id: f.id,
      'aria-label': f.label,
      inputmode: 'decimal',
      placeholder: f.placeholder ?? 'not set',
    }) as ValueElement;
    const r = row(f.id, f.label, input, f.unit);
    return f.apply ? this.withApply(r, f.apply, () => readNumber(this.inputs as PanelInputs, f)) : r;
  }

  /** ZeRO / FSDP choice; its Apply asks the host, which writes to the DeepSpeed file that owns the stage. */
  private shardingRow(): HTMLElement {
    const r = row('sharding', 'Sharding', select('sharding', 'Sharding', SHARDING), 'per-device memory');
    const b = el(
      'vscode-button',
      { secondary: true, class: 'apply-sharding', title: 'Write this ZeRO stage into the DeepSpeed file' },
      'Apply',
    );
    b.addEventListener('click', () => {
      const v = this.inputs?.training.sharding;
      if (v) this.events.applySharding(v);
    });
    r.append(b);
    return r;
  }

  private withApply(
    r: HTMLElement,
    field: ApplyField,
    value: () => number | string | undefined,
  ): HTMLElement {
    const b = el(
      'vscode-button',
      {
        secondary: true,
        class: 'apply',
        'data-field': field,
        title: 'Write this value into the config file',
      },
      'Apply',
    );
    b.addEventListener('click', () => {
      const v = value();
      if (v !== undefined && v !== '') this.events.apply(field, v);
    });
    r.append(b);
    return r;
  }

  private listen(): void {
    const on = (id: string, fn: (e: ValueElement) => void) => {
      const node = byId<ValueElement>(id);
      node.addEventListener('change', () => fn(node));
      if (node.tagName === 'VSCODE-TEXTFIELD') node.addEventListener('input', () => fn(node));
    };
    on('model', (n) =>
      this.update((i) => {
        if (n.value) i.modelRef = n.value;
      }),
    );
    on('method', (n) =>
      this.update((i) => {
        i.method = n.value;
        if (n.value === 'QLORA') i.training.quantization = '4bit';
      }),
    );
    on('targets', (n) =>
      this.update((i) => {
        i.targets = n.value;
      }),
    );
    on('dtype', (n) =>
      this.update((i) => {
        i.training.dtype = n.value as PanelInputs['training']['dtype'];
      }),
    );
    on('quant', (n) =>
      this.update((i) => {
        i.training.quantization = n.value as PanelInputs['training']['quantization'];
      }),
    );
    on('optim', (n) =>
      this.update((i) => {
        i.training.optimizer = n.value;
      }),
    );
    on('sharding', (n) =>
      this.update((i) => {
        i.training.sharding = n.value;
      }),
    );
    on('gc', (n) =>
      this.update((i) => {
        i.training.gradientCheckpointing = n.checked === true;
      }),
    );
    for (const f of [...METHOD_FIELDS, ...TRAINING_FIELDS]) {
      on(f.id, (n) => {
        const v = parseNumber(n.value, f.integer);
        n.invalid = v === null;
        if (v !== null) this.update((i) => writeNumber(i, f, v));
      });
    }
  }

  private update(fn: (i: PanelInputs) => void): void {
    if (!this.inputs) return;
    fn(this.inputs);
    this.showMethodFields();
    this.events.changed();
  }

  /** Puts `inputs` into the controls (a new document, or state restored after a reload). */
  /**
   * Shows the followed file's values. `keepFocused`: the same file was seeded again (it changed, or its
   * analysis arrived) while the user may be typing; the control with focus keeps what was typed and
   * that value stays in force, so a reseed never eats a keystroke.
   */
  show(inputs: PanelInputs, applicable: ApplyField[], keepFocused = false): void {
    this.inputs = structuredClone(inputs);
    this.applicable = new Set(applicable);
    const active = document.activeElement;
    const focused = keepFocused && active && this.root.contains(active) ? active.id : undefined;
    const set = (id: string, v: string) => {
      if (id !== focused) byId<ValueElement>(id).value = v;
    };
    this.ensureModelOption(inputs.modelRef);
    set('model', inputs.modelRef);
    set('method', inputs.method);
    set('targets', inputs.targets);
    for (const f of [...METHOD_FIELDS, ...TRAINING_FIELDS]) set(f.id, String(readNumber(inputs, f) ?? ''));
    set('sharding', inputs.training.sharding ?? 'none');
    set('dtype', inputs.training.dtype);
    set('quant', inputs.training.quantization);
    this.ensureOption('optim', inputs.training.optimizer);
    set('optim', inputs.training.optimizer);
    byId<ValueElement>('gc').checked = inputs.training.gradientCheckpointing;
    for (const b of this.root.querySelectorAll<HTMLElement>('.apply'))
      b.hidden = !this.applicable.has(b.dataset.field as ApplyField);
    this.showMethodFields();
    // The typed value goes through the control's own listener, as if just typed.
    if (focused) byId<ValueElement>(focused).dispatchEvent(new Event('change'));
  }

  private ensureModelOption(ref: string): void {
    this.ensureOption('model', ref);
  }

  private ensureOption(id: string, value: string): void {
    const s = byId<ValueElement>(id);
    if (!s.options?.some((o) => o.value === value))
      s.options = [{ label: value, value }, ...(s.options ?? [])];
  }

  private showMethodFields(): void {
    const m = this.methods.find((x) => x.id === this.inputs?.method);
    for (const f of METHOD_FIELDS) byId(`row-${f.id}`).hidden = !m || !(f.when?.(m) ?? true);
    byId('row-targets').hidden = !m?.targets;
  }
}
