// No import cycle between the folders of src/ (issue 10): each folder under src/core (its subfolders
// folded in), src/cli, src/vscode, src/io and the root. Imports are read with TypeScript's parser;
// `import type` / `export type` are left out (erased at compile time, they load nothing). Known
// type-only link: core/memory/plan.ts reads core/estimator-input's TrainingShape type.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import * as ts from 'typescript';

const root = resolve(__dirname, '../../..');
const src = join(root, 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? (n === 'generated' ? [] : files(p)) : p.endsWith('.ts') ? [p] : [];
  });
}

/** src/core/estimator/inventory/x.ts → core/estimator; src/vscode/panel/x.ts → vscode; src/extension.ts → (root). */
export function folderOf(file: string): string {
  const parts = relative(src, file).split(/[\\/]/);
  if (parts.length === 1) return '(root)';
  return parts[0] === 'core' && parts.length > 2 ? `core/${parts[1]}` : parts[0];
}

function resolveImport(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = resolve(dirname(from), spec);
  return [`${base}.ts`, join(base, 'index.ts'), base].find((p) => existsSync(p) && statSync(p).isFile());
}

/** Module specifiers of imports and re-exports that load code (not `import type`, not all-type named lists). */
function runtimeImports(file: string): string[] {
  const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const c = st.importClause;
      const typeOnly =
        c &&
        (c.isTypeOnly ||
          (!c.name &&
            c.namedBindings &&
            ts.isNamedImports(c.namedBindings) &&
            c.namedBindings.elements.length > 0 &&
            c.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) out.push(st.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      const typeOnly =
        st.isTypeOnly ||
        (st.exportClause &&
          ts.isNamedExports(st.exportClause) &&
          st.exportClause.elements.length > 0 &&
          st.exportClause.elements.every((e) => e.isTypeOnly));
      if (!typeOnly) out.push(st.moduleSpecifier.text);
    }
  }
  return out;
}

export function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const f of files(src)) {
    const a = folderOf(f);
    for (const spec of runtimeImports(f)) {
      const imp = { fileName: spec };
      const target = resolveImport(f, imp.fileName);
      const b = target && target.startsWith(src) ? folderOf(target) : undefined;
      if (!b || a === b) continue;
      if (!graph.has(a)) graph.set(a, new Map());
      if (!graph.get(a)!.has(b)) graph.get(a)!.set(b, `${relative(src, f)} → ${imp.fileName}`);
    }
  }
  return graph;
}

/** One cycle per strongly connected component, as "a → b → a" with the import that makes each edge. */
export function cycles(graph: Map<string, Map<string, string>>): string[] {
  const out: string[] = [];
  const done = new Set<string>();
  for (const start of graph.keys()) {
    const stack: string[] = [];
    const visit = (n: string): boolean => {
      if (stack.includes(n)) {
        const loop = [...stack.slice(stack.indexOf(n)), n];
        out.push(
          loop
            .map((x, i) => (i + 1 < loop.length ? `${x} (${graph.get(x)!.get(loop[i + 1])})` : x))
            .join(' → '),
        );
        return true;
      }
      if (done.has(n)) return false;
      stack.push(n);
      for (const next of graph.get(n)?.keys() ?? []) if (visit(next)) return true;
      stack.pop();
      done.add(n);
      return false;
    };
    if (visit(start)) break;
  }
  return out;
}

describe('architecture: no import cycle between folders of src/', () => {
  it('the folder graph has no cycle', () => {
    assert.deepEqual(cycles(folderGraph()), []);
  });
  it('the check finds a cycle when there is one', () => {
    const g = new Map([
      ['a', new Map([['b', 'a.ts → ./b']])],
      ['b', new Map([['a', 'b.ts → ./a']])],
    ]);
    assert.deepEqual(cycles(g), ['a (a.ts → ./b) → b (b.ts → ./a) → a']);
  });
});
