// Checks a rule ledger (src/core/validate/ledger/<framework>.json) against the framework's source:
// every site's line, at the pinned commit, is a raise / warning / assignment as its `kind` says.
// Usage: node scripts/ledger-check.mjs <bare git dir of the framework> <ledger.json>
// (a mirror from `git clone --mirror`; not run in CI, which has no network).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const [gitDir, ledgerPath] = process.argv.slice(2);
if (!gitDir || !ledgerPath) {
  console.error('usage: node scripts/ledger-check.mjs <git dir> <ledger.json>');
  process.exit(2);
}
const ledger = JSON.parse(readFileSync(ledgerPath, 'utf8'));
const files = new Map();
const lineOf = (file, n) => {
  if (!files.has(file))
    files.set(
      file,
      execFileSync('git', ['--git-dir', gitDir, 'show', `${ledger.commit}:${file}`], {
        encoding: 'utf8',
        maxBuffer: 1 << 26,
      }).split('\n'),
    );
  return files.get(file)[n - 1] ?? '';
};
const PATTERN = {
  raise: /^\s*(raise|assert)\b/,
  warn: /^\s*(warnings\.warn|logger\.|LOG\.|log\.|logging\.)/,
  override: /=/,
};
let bad = 0;
for (const s of ledger.sites) {
  const [file, n] = s.site.split(':');
  const text = lineOf(file, Number(n));
  // An implicit raise is a call on the user's value (an enum conversion, json.loads, **kwargs).
  if (!(s.implicit ? /\w\(/.test(text) : PATTERN[s.kind]?.test(text))) {
    bad++;
    console.log(`${s.site} (${s.kind}): ${text.trim()}`);
  }
}
console.log(`${ledger.framework}: ${ledger.sites.length} sites, ${bad} not matching their kind`);
process.exit(bad ? 1 : 0);
