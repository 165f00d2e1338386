// Build-time ajv compilation: every schemas/<dialect>.schema.json becomes standalone validation code
// in src/core/validate/generated/<dialect>.js (+ .d.ts), so nothing is compiled with `new Function`
// while the extension runs. The compiled-tests tree (out/) gets the same files, since tsc copies no .js.
import { readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const { _ } = require('ajv');
const standaloneCode = require('ajv/dist/standalone').default;
const addFormats = require('ajv-formats').default;
import { hoistBranches, segments, splitCode } from './lib/split-validator.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schemaDir = join(root, 'schemas');
const targets = [join(root, 'src/core/validate/generated'), join(root, 'out/src/core/validate/generated')];

/** Annotation keywords our schemas use besides draft-07's own (x-… extensions, editor hints). */
function extraKeywords(node, found = new Set()) {
  if (Array.isArray(node)) node.forEach((n) => extraKeywords(n, found));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (
        k.startsWith('x-') ||
        k === 'markdownDescription' ||
        k === 'deprecationMessage' ||
        k === 'defaultSnippets'
      )
        found.add(k);
      if (k !== 'enum' && k !== 'const' && k !== 'default' && k !== 'examples') extraKeywords(v, found);
    }
  }
  return found;
}

/**
 * ajv's standalone code appends a called validator's errors with `vErrors = vErrors.concat(v.errors)`,
 * which copies every error found so far on each call: a list of 10,000 entries that each fail a $ref'd
 * schema costs O(entries x errors). Appending in place gives the same list in the same order in linear
 * time (the callee's array is only ever read: each call of it starts a new one).
 */
export function appendErrorsInPlace(code) {
  return code.replace(
    /vErrors = vErrors === null \? ([\w.]+)\.errors : vErrors\.concat\(\1\.errors\);/g,
    (_m, v) =>
      `if (vErrors === null) {vErrors = ${v}.errors;} else {for (const e of ${v}.errors) vErrors.push(e);}`,
  );
}

function compile(schema, allErrors = true) {
  return compileWith(schema, allErrors).code;
}

function compileWith(schema, allErrors = true) {
  const ajv = new Ajv({
    allErrors,
    strict: 'log',
    allowUnionTypes: true,
    discriminator: true,
    code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` },
  });
  addFormats(ajv);
  ajv.addVocabulary([...extraKeywords(schema)]);
  const validate = ajv.compile(schema);
  return { code: appendErrorsInPlace(standaloneCode(ajv, validate)), validate };
}

/**
 * The validator's code for `schema`: one file, or for schemas with large conditional branches
 * (torchtune's per-package `_component_` branches) a main file and part files loaded on first use.
 */
function compileSplit(id, schema) {
  const { schema: hoistedSchema, hoisted } = hoistBranches(schema);
  if (hoisted.length === 0) {
    const code = compile(schema);
    return { code, schemaExpr: schemaExpression(code, schema), parts: [] };
  }
  const { code, validate } = compileWith(hoistedSchema);
  const names = compiledRefs(validate.schemaEnv);
  const entries = hoisted.map((h) => ({ name: names.get(h.ref), path: h.path })).filter((e) => e.name);
  const { main, parts } = splitCode(code, entries, id, new Set(names.values()));
  return { ...rootSchema(schemaExpression(code, hoistedSchema), main, parts, hoistedSchema, schema), parts };
}

/** Function name of every $ref ajv compiled as a function of its own, by local ref ("#/definitions/x"). */
function compiledRefs(env, out = new Map(), seen = new Set()) {
  if (seen.has(env)) return out;
  seen.add(env);
  for (const [ref, target] of Object.entries(env.refs ?? {})) {
    if (!target || typeof target !== 'object' || !target.validateName) continue;
    out.set(ref.slice(ref.indexOf('#')), target.validateName.str);
    compiledRefs(target, out, seen);
  }
  return out;
}

/**
 * ajv embeds the (hoisted) root schema and reads parts of it (`schemaN.properties.x.type`); the engine
 * needs the original (rules walk its definitions). When every part ajv reads is the same in both,
 * the one constant holds the original; otherwise the original is embedded beside it.
 */
function rootSchema(name, main, parts, hoistedSchema, schema) {
  if (!/^schema\d+$/.test(name)) return { code: main, schemaExpr: schemaExpression('', schema) };
  const texts = [main, ...parts.map((p) => p.text)];
  const paths = texts.flatMap((t) =>
    [...t.matchAll(new RegExp(`\\b${name}((?:\\.[A-Za-z_$][\\w$]*|\\[\\d+\\])+)`, 'g'))].map((m) => m[1]),
  );
  const at = (obj, path) =>
    [...path.matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]/g)].reduce((o, m) => o?.[m[1] ?? Number(m[2])], obj);
  const same = paths.every((p) => JSON.stringify(at(hoistedSchema, p)) === JSON.stringify(at(schema, p)));
  if (!same) return { code: main, schemaExpr: schemaExpression('', schema) };
  const decl = new RegExp(`^const ${name} = [^\\n]*$`, 'm');
  if (!decl.test(main)) throw new Error(`gen-validators: declaration of ${name} not found`);
  return {
    code: main.replace(decl, () => `const ${name} = JSON.parse(${JSON.stringify(JSON.stringify(schema))});`),
    schemaExpr: name,
  };
}

/**
 * The engine needs the schema itself (hovers, completion, x- annotations). ajv's standalone code
 * usually embeds the root schema already (`const schemaN = {...}` with our $id): reuse it rather than
 * ship it twice; otherwise embed it through JSON.parse, which V8 parses faster than a literal.
 */
function schemaExpression(code, schema) {
  const id = JSON.stringify(schema.$id ?? '').slice(1, -1);
  const m = id
    ? new RegExp(
        `const (schema\\d+) = \\{"\\$schema":"[^"]*","\\$id":"${id.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}"`,
      ).exec(code)
    : null;
  return m ? m[1] : `JSON.parse(${JSON.stringify(JSON.stringify(schema))})`;
}

/**
 * Definitions maps at least this large (JSON characters) are read lazily, member by member: torchtune's
 * `components` (one schema per builder, 322 KB of the 518 KB schema) is 4× slower to JSON.parse than
 * the rest of the file, while a recipe names about ten builders (issue 11: first torchtune diagnostics).
 */
const LAZY_DEFINITIONS_MIN_CHARS = 100_000;

/**
 * Splits `schema` for the files beside the validator: `main`, where each member of a large definitions
 * map is a stub `{"$mlcLazy": [start, end]}`, and `lazy`, the members' JSON one after another, which
 * the stubs index by byte offset. Without such a map, `lazy` is undefined and `main` is the schema.
 */
export function lazySchemaFiles(schema) {
  const defs = schema.definitions;
  const big = Object.entries(defs ?? {}).filter(
    ([, v]) =>
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      !('type' in v) &&
      !('$ref' in v) &&
      Object.values(v).every((m) => m && typeof m === 'object' && !Array.isArray(m)) &&
      JSON.stringify(v).length >= LAZY_DEFINITIONS_MIN_CHARS,
  );
  if (big.length === 0) return { main: JSON.stringify(schema), lazy: undefined };
  const chunks = [];
  let offset = 0;
  const stubbed = { ...defs };
  for (const [name, members] of big) {
    stubbed[name] = Object.fromEntries(
      Object.entries(members).map(([k, v]) => {
        const text = Buffer.from(JSON.stringify(v), 'utf8');
        chunks.push(text);
        const span = [offset, offset + text.length];
        offset += text.length;
        return [k, { $mlcLazy: span }];
      }),
    );
  }
  return { main: JSON.stringify({ ...schema, definitions: stubbed }), lazy: Buffer.concat(chunks) };
}

/**
 * The schema the engine and ajv share is read from `<id>.schema.json` beside the validator, not parsed
 * out of a JavaScript literal: V8 then scans 0.5 MB of JSON instead of 1 MB of escaped string (or an
 * object literal) before the first validation; about 20 ms of torchtune's cold start (scripts/bench/cold.mjs).
 * Members stubbed by lazySchemaFiles become getters that parse their span of `<id>.lazy.schema.json` on
 * first use, so the object is the schema to every reader (ajv's code reads only root properties).
 */
function schemaReader(id, lazy) {
  const main = `JSON.parse(require("fs").readFileSync(require("path").join(__dirname, ${JSON.stringify(`${id}.schema.json`)}), "utf8"))`;
  if (!lazy) return `function mlcSchemaFile() {return ${main};}`;
  return `function mlcSchemaFile() {const schema = ${main};let buf;const file = require("path").join(__dirname, ${JSON.stringify(`${id}.lazy.schema.json`)});for (const map of Object.values(schema.definitions)) for (const [k, v] of Object.entries(map)) {if (!v || !Array.isArray(v.$mlcLazy)) continue;const [start, end] = v.$mlcLazy;Object.defineProperty(map, k, {enumerable: true, configurable: true, get() {buf ??= require("fs").readFileSync(file);const value = JSON.parse(buf.toString("utf8", start, end));Object.defineProperty(map, k, {value, enumerable: true, configurable: true, writable: true});return value;}, set(value) {Object.defineProperty(map, k, {value, enumerable: true, configurable: true, writable: true});}});}return schema;}`;
}

function schemaFromFile(id, code, schemaExpr, schema, lazy) {
  const read = schemaReader(id, lazy);
  const text = JSON.stringify(schema);
  if (!/^schema\d+$/.test(schemaExpr)) {
    if (schemaExpr !== `JSON.parse(${JSON.stringify(text)})`) return { code, schemaExpr };
    return { code: `${code}\n${read}`, schemaExpr: 'mlcSchemaFile()' };
  }
  // A split main file holds one declaration a line; ajv's own output is one line of statements.
  const line = new RegExp(`^const ${schemaExpr} = .*;$`, 'm').exec(code);
  const seg = line
    ? { text: line[0] }
    : segments(code).list.find((x) => x.name === schemaExpr && x.kind === 'const');
  const m = seg && /^const \w+ = (.*);\s*$/s.exec(seg.text);
  if (!m) return { code, schemaExpr };
  let value;
  try {
    value = m[1].startsWith('JSON.parse(') ? JSON.parse(JSON.parse(m[1].slice(11, -1))) : JSON.parse(m[1]);
  } catch {
    return { code, schemaExpr };
  }
  if (JSON.stringify(value) !== text) return { code, schemaExpr };
  const decl = `const ${schemaExpr} = mlcSchemaFile();${seg.text.endsWith('\n') ? '\n' : ''}`;
  return { code: `${code.replace(seg.text, () => decl)}\n${read}`, schemaExpr };
}

/**
 * Cross-field rules whose "when" is itself a JSON Schema (x-rules[].when as an object) compile to
 * predicates too: { ruleId: validate } where validate(config) is true when the rule fires.
 */
function ruleChecks(schema) {
  const entries = [];
  for (const rule of Array.isArray(schema['x-rules']) ? schema['x-rules'] : []) {
    if (!rule || typeof rule.id !== 'string' || !rule.when || typeof rule.when !== 'object') continue;
    const code = compile({ $schema: 'http://json-schema.org/draft-07/schema#', ...rule.when }, false);
    entries.push(
      `${JSON.stringify(rule.id)}: (function () { var module = { exports: {} }; var exports = module.exports; ${code}\nreturn module.exports; })()`,
    );
  }
  return `{\n${entries.join(',\n')}\n}`;
}

const DTS = `import type { ErrorObject } from 'ajv';
declare const validate: {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
  schema: Record<string, unknown>;
  ruleChecks?: Record<string, (data: unknown) => boolean>;
};
export = validate;
`;

export async function generateValidators() {
  const files = readdirSync(schemaDir)
    .filter((f) => f.endsWith('.schema.json'))
    .sort();
  const ok = [];
  const outputs = {};
  for (const f of files) {
    const id = f.slice(0, -'.schema.json'.length);
    try {
      const schema = JSON.parse(readFileSync(join(schemaDir, f), 'utf8'));
      const split = compileSplit(id, schema);
      const files = lazySchemaFiles(schema);
      const { code, schemaExpr } = schemaFromFile(id, split.code, split.schemaExpr, schema, files.lazy);
      const parts = split.parts;
      outputs[`${id}.schema.json`] = files.main;
      if (files.lazy) outputs[`${id}.lazy.schema.json`] = files.lazy;
      outputs[`${id}.js`] =
        `${code}\nmodule.exports.schema = ${schemaExpr};\nmodule.exports.ruleChecks = ${ruleChecks(schema)};\n`;
      for (const p of parts) outputs[p.file] = p.text;
      outputs[`${id}.d.ts`] = DTS;
      ok.push(id);
    } catch (err) {
      // A schema that does not compile must not stop the other dialects; a unit test lists it.
      console.error(`gen-validators: skipped ${f}: ${err.message}`);
    }
  }
  outputs['index.js'] =
    `"use strict";\n// Generated by scripts/gen-validators.mjs. Do not edit.\nexports.DIALECT_SCHEMAS = ${JSON.stringify(ok)};\nexports.loadValidator = function (id) {\n  switch (id) {\n${ok.map((id) => `    case ${JSON.stringify(id)}: return require(${JSON.stringify(`./${id}.js`)});`).join('\n')}\n    default: return undefined;\n  }\n};\n`;
  outputs['index.d.ts'] =
    `import type { ErrorObject } from 'ajv';\nexport interface GeneratedValidator {\n  (data: unknown): boolean;\n  errors?: ErrorObject[] | null;\n  schema: Record<string, unknown>;\n  ruleChecks?: Record<string, (data: unknown) => boolean>;\n}\nexport declare const DIALECT_SCHEMAS: readonly string[];\nexport declare function loadValidator(id: string): GeneratedValidator | undefined;\n`;
  for (const dir of targets) {
    mkdirSync(dir, { recursive: true });
    // Part and lazy-schema files of an earlier generation that this one does not write would ship stale.
    for (const f of readdirSync(dir))
      if (/\.(part\d+\.js|lazy\.schema\.json)$/.test(f) && !(f in outputs)) rmSync(join(dir, f));
    for (const [name, content] of Object.entries(outputs)) writeFileSync(join(dir, name), content);
  }
  console.log(`gen-validators: ${ok.length}/${files.length} schemas compiled (${ok.join(', ') || 'none'})`);
}
