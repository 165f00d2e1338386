// The rule ledgers: for each framework, every place its config loading raises, warns or silently
// overrides a value, at the commit the schema pins, with the rule that reproduces it or the reason
// it needs the running job (GPU, installed packages, other adapters, the dataset). Data only; the
// ledger test holds every site to a rule id that exists or to a needs-runtime reason.
import peft from './peft.json';
import trl from './trl.json';
import llamafactory from './llamafactory.json';
import llamafactoryV1 from './llamafactory-v1.json';
import axolotl from './axolotl.json';
import transformers from './transformers.json';
import torchtune from './torchtune.json';

export type SiteKind = 'raise' | 'warn' | 'override';

export interface LedgerSite {
  /** `path/in/repo.py:LINE` at the ledger's commit. */
  site: string;
  kind: SiteKind;
  /** The framework's own wording, shortened. */
  quote: string;
  /** A rule id (rules*.ts or a schema x-rules id), or `schema:<dialect>#<JSON pointer>` for a schema constraint. */
  rule: string | null;
  needsRuntime: string | null;
  /** The raise is a conversion or call on the user's value (an enum, json.loads, `**kwargs`), not a raise statement. */
  implicit?: boolean;
  note?: string;
}

export interface Ledger {
  framework: string;
  repository: string;
  /** 40-hex commit, or the release tag (`v5.17.0`) when the lines were read from the released wheel. */
  commit: string;
  release: string;
  scope: string;
  /** Rules of the dialect that are advice or come from another library, with why they have no site here. */
  advisory?: Array<{ rule: string; why: string }>;
  sites: LedgerSite[];
  /** transformers only: how each implemented site reaches an Axolotl config (its trainer builders). */
  axolotlScope?: string;
  axolotl?: AxolotlReach[];
}

/** A TrainingArguments site seen from Axolotl: the rule applying it there and the builder lines, or why not. */
export interface AxolotlReach {
  site: string;
  rule: string | null;
  via?: string;
  why?: string;
}

export const LEDGERS: readonly Ledger[] = [
  peft as Ledger,
  trl as Ledger,
  llamafactory as Ledger,
  llamafactoryV1 as Ledger,
  axolotl as Ledger,
  transformers as Ledger,
  torchtune as Ledger,
];

/** sites / implemented / needs runtime, per framework. */
export function ledgerCounts(l: Ledger): { sites: number; implemented: number; needsRuntime: number } {
  return {
    sites: l.sites.length,
    implemented: l.sites.filter((s) => s.rule).length,
    needsRuntime: l.sites.filter((s) => !s.rule && s.needsRuntime).length,
  };
}
