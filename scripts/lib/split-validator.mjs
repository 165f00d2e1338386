/* global structuredClone */
// Splits a large precompiled validator so that a first document parses and compiles only what it uses
// (issue 11: first diagnostics of a torchtune recipe ≤ 100 ms cold). torchtune's `component` schema is one
// if/then per package (torchtune.models, .modules, .training, ...) with one branch per builder inside; ajv
// compiles it into a single 880 KB function that V8 must compile whole on its first call.
//
// 1. hoistBranches: each large `then`/`else` of an `allOf` in a top-level definition becomes a definition
//    of its own, referenced by $ref, so ajv compiles it as a function of its own. Its errors get back the
//    schema path they had inline (rewritePaths), so the error list is the same, entry for entry.
// 2. splitCode: those functions, with every function and constant only they use, move into part files
//    (`<dialect>.partN.js`) that the main file requires on their first call.
// 3. Large object literals become JSON.parse("…"), which V8 parses faster than a literal.
// scripts/bench/cold.mjs measures the result; test/unit proves the diagnostics unchanged.

/** Branches smaller than this (JSON characters) stay inline: a part file for them costs more than it saves. */
const HOIST_MIN_CHARS = 2_000;
/** Object literals at least this long are emitted as JSON.parse of a string. */
const JSON_PARSE_MIN_CHARS = 10_000;

const isObject = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of `schema` with large conditional branches moved to definitions; `hoisted` lists them. */
export function hoistBranches(schema) {
  if (!isObject(schema.definitions)) return { schema, hoisted: [] };
  const copy = structuredClone(schema);
  const hoisted = [];
  const hoistIn = (node, name, path) => {
    if (!isObject(node) || !Array.isArray(node.allOf)) return;
    node.allOf.forEach((branch, i) => {
      for (const k of ['then', 'else']) {
        const sub = isObject(branch) ? branch[k] : undefined;
        if (!isObject(sub) || JSON.stringify(sub).length < HOIST_MIN_CHARS) continue;
        const defName = `${name}_${i}_${k}`;
        const subPath = `${path}/allOf/${i}/${k}`;
        copy.definitions[defName] = sub;
        branch[k] = { $ref: `#/definitions/${defName}` };
        // The definition is compiled as a function of its own: its schema paths start at "#".
        hoisted.push({ ref: `#/definitions/${defName}`, path: subPath });
        hoistIn(sub, defName, subPath); // torchtune: per package, then per sub-package
      }
    });
  };
  for (const [defName, def] of Object.entries(copy.definitions)) hoistIn(def, `mlc_part_${defName}`, '#');
  return { schema: copy, hoisted };
}

const START = /(?<=^|[;}])(?:const ((?:schema|pattern|func|formats)\d+) = |function (validate\d+)\()/g;
const NAME = /\b(?:schema|pattern|func|formats|validate)\d+\b/g;

/** The top-level statements of ajv's standalone code: a header, then constants and functions. */
export function segments(code) {
  const starts = [...code.matchAll(START)];
  if (starts.length === 0) throw new Error('no top-level declarations found');
  const header = code.slice(0, starts[0].index);
  const list = starts.map((m, i) => {
    const text = code.slice(m.index, i + 1 < starts.length ? starts[i + 1].index : code.length);
    return { name: m[1] ?? m[2], kind: m[1] ? 'const' : 'function', text };
  });
  for (const s of list.slice(0, -1))
    if (!(s.kind === 'const' ? s.text.endsWith(';') : s.text.endsWith('}')))
      throw new Error(`${s.name} does not end where the next declaration starts`);
  return { header, list };
}

const refsOf = (s) => new Set([...s.text.matchAll(NAME)].map((m) => m[0]).filter((n) => n !== s.name));

/**
 * Splits `code` (ajv standalone output of the hoisted schema) into a main file and part files.
 * `entries`: [{ name: 'validateN', path: '#/allOf/4/then' }], the functions of the hoisted branches.
 * Returns { main, parts: [{ file, text }] }.
 */
export function splitCode(code, hoistedEntries, fileBase, refFunctions = new Set()) {
  const { header, list } = segments(code);
  const byName = new Map(list.map((s) => [s.name, s]));
  const refs = new Map(list.map((s) => [s.name, refsOf(s)]));
  const root = /module\.exports = (validate\d+);/.exec(header)?.[1];
  if (!root || !byName.has(root)) throw new Error('root validator not found');
  let entries = hoistedEntries;
  let owner = owners(root, entries, byName, refs);
  // A definition compiled as a function of its own (torchtune: one builder's kwargs) that only parts
  // use gets a part of its own too, so a recipe loads the builders it names, not their whole package.
  const alone = list.filter(
    (s) =>
      s.kind === 'function' &&
      refFunctions.has(s.name) &&
      owner.get(s.name) !== 'main' &&
      !entries.some((e) => e.name === s.name) &&
      s.text.length >= HOIST_MIN_CHARS,
  );
  if (alone.length) {
    entries = [...entries, ...alone.map((s) => ({ name: s.name, path: undefined }))];
    owner = owners(root, entries, byName, refs);
  }
  const parts = entries.map((e, k) => {
    const own = list.filter((s) => owner.get(s.name) === k);
    const used = new Set(own.flatMap((s) => [...refs.get(s.name)]));
    const imports = [...used].filter((n) => byName.has(n) && owner.get(n) !== k);
    const body = own.map((s) => (s.name === e.name && e.path ? rewritePaths(s.text, e.path) : s.text));
    return {
      file: `${fileBase}.part${k + 1}.js`,
      imports,
      text: `"use strict";\n// Generated by scripts/gen-validators.mjs (lib/split-validator.mjs). Do not edit.\nmodule.exports = function (m) {\nconst { ${imports.join(', ')} } = m;\n${body.map(literalsAsJson).join('\n')}\nreturn { ${e.name} };\n};\n`,
    };
  });
  const imported = [...new Set(parts.flatMap((p) => p.imports))];
  const stubs = entries.map(
    (e, k) =>
      `function ${e.name}(data, options) {const f = mlcPart(${k}).${e.name};const ok = f(data, options);${e.name}.errors = f.errors;return ok;}`,
  );
  const loader = `const mlcParts = [];let mlcDeps;function mlcPart(i) {if (!mlcParts[i]) {mlcDeps ??= { ${imported.join(', ')} };switch (i) {${parts.map((p, k) => `case ${k}: mlcParts[i] = require(${JSON.stringify(`./${p.file}`)})(mlcDeps); break;`).join('')}}}return mlcParts[i];}`;
  const main = [
    header,
    ...list
      .filter((s) => owner.get(s.name) === 'main' || !owner.has(s.name))
      .map((s) => literalsAsJson(s.text)),
    ...stubs,
    loader,
  ].join('\n');
  return { main, parts: parts.map(({ file, text }) => ({ file, text })) };
}

/** Who holds each declaration: 'main', or the index of the one entry whose part alone uses it. */
function owners(root, entries, byName, refs) {
  const entryNames = new Set(entries.map((e) => e.name));
  const reach = (from) => {
    const seen = new Set([from]);
    const todo = [from];
    while (todo.length) {
      for (const r of refs.get(todo.pop()) ?? []) {
        if (!byName.has(r) || seen.has(r) || entryNames.has(r)) continue;
        seen.add(r);
        todo.push(r);
      }
    }
    return seen;
  };
  const owner = new Map();
  for (const n of reach(root)) owner.set(n, 'main');
  entries.forEach((e, k) => {
    for (const n of reach(e.name)) owner.set(n, owner.has(n) && owner.get(n) !== k ? 'main' : k);
  });
  // Anything an owner-main declaration uses must be in main too.
  for (let changed = true; changed;) {
    changed = false;
    for (const [n, o] of owner)
      if (o === 'main')
        for (const r of refs.get(n) ?? [])
          if (owner.has(r) && owner.get(r) !== 'main' && !entryNames.has(r)) {
            owner.set(r, 'main');
            changed = true;
          }
  }
  return owner;
}

/** The hoisted branch's own errors get the schema path they had inline; inlined $refs keep theirs. */
export function rewritePaths(text, path) {
  return text.replace(/schemaPath:"#\/(?!definitions\/)/g, `schemaPath:"${path}/`);
}

/** `const schemaN = {…};` → `const schemaN = JSON.parse("…");` for large literals that are JSON. */
function literalsAsJson(text) {
  const m = /^const (schema\d+) = (\{[\s\S]*\});\s*$/.exec(text);
  if (!m || m[2].length < JSON_PARSE_MIN_CHARS) return text;
  try {
    JSON.parse(m[2]);
  } catch {
    return text;
  }
  return `const ${m[1]} = JSON.parse(${JSON.stringify(m[2])});`;
}
