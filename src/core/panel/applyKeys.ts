// Applies a panel value to a config: the dialect's plug-in says where (key paths: first existing
// candidate wins, else the first is added) and how a target list is spelled there.
import { parseDocument } from 'yaml';
import { DIALECT_PLUGINS, type ApplyField, type ApplyKey, type DialectId } from '../dialects';
import { ConfigEditError, setValueChange, type EditValue, type TextChange } from './textEdit';

export type { ApplyKey } from '../dialects';

/** The apply-back table of each dialect, from its plug-in (src/core/dialects/<id>.ts). */
export const APPLY_KEYS: Readonly<Partial<Record<DialectId, Partial<Record<ApplyField, ApplyKey>>>>> =
  Object.fromEntries(DIALECT_PLUGINS.map((p) => [p.id, p.applyKeys]));

export function applicableFields(dialect: DialectId): ApplyField[] {
  return Object.keys(APPLY_KEYS[dialect] ?? {}) as ApplyField[];
}

/** The text change that applies `field = value` to a config of `dialect` (throws ConfigEditError). */
export function planApply(
  text: string,
  dialect: DialectId,
  field: ApplyField,
  value: number | string,
  json: boolean,
): TextChange {
  const key = APPLY_KEYS[dialect]?.[field];
  if (!key) throw new ConfigEditError(`${field} cannot be applied to a ${dialect} config`);
  let v: EditValue = value;
  if (field === 'targetModules') {
    const names = String(value)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (!names.length) throw new ConfigEditError('no target module names to apply');
    v =
      key.list === 'csv'
        ? names.join(',')
        : names.length === 1 && names[0] === 'all-linear' && !json
          ? 'all-linear'
          : names;
  } else if (typeof value !== 'number') {
    throw new ConfigEditError(`${field} needs a number`);
  }
  const parsed = parseDocument(text, { strict: false, uniqueKeys: false });
  const present = key.paths.find((p) => parsed.hasIn(p));
  return setValueChange(text, present ?? key.paths[0], v, { json });
}
