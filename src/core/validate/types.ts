// The data the validation engine hands out: plain offsets into the text, never editor types, so the
// CLI, the extension and the tests all read the same result.
import type { DialectId } from '../dialects';
import type { CrossFieldRule } from './ruleKit';

export type Severity = 'error' | 'warning' | 'information';

/** One text replacement; `start`/`end` are UTF-16 offsets into the validated text. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  isPreferred?: boolean;
}

export interface Diagnostic {
  start: number;
  end: number;
  severity: Severity;
  /** Stable identifier of the kind of problem, e.g. `unknown-key`, `numeric-string`, a rule id. */
  code: string;
  message: string;
  fixes?: Fix[];
}

/** How the framework reads its YAML, which decides what `2e-5` or `yes` become. */
export type LoaderKind = 'pyyaml' | 'omegaconf' | 'json' | 'yaml12';

export interface ValidateOptions {
  /** Skip detection and validate as this dialect. */
  dialect?: DialectId;
  /** Path or URI of the file; used by glob associations and file-name patterns. */
  fileName?: string;
  /** `mlConfig.files.associations`: glob -> dialect. */
  associations?: Record<string, string>;
  /** Most diagnostics reported for one file (default 100). */
  maxDiagnostics?: number;
  /**
   * Framework versions the user runs, e.g. { trl: '0.26', transformers: '4.57' }
   * (mlConfig.validation.frameworkVersions). Default: the latest version each schema follows.
   */
  frameworkVersions?: Record<string, string>;
  /** Where each of frameworkVersions came from (a setting, a flag, a .venv dist-info), for messages. */
  frameworkVersionSources?: Record<string, string>;
  /** Cross-field rules to run (the dialect plug-in's); default: every rule in RULES naming the dialect. */
  rules?: readonly CrossFieldRule[];
}

export interface ValidationResult {
  dialect: DialectId | undefined;
  /** Why this dialect was chosen (or why none was), in words a user can read. */
  reason: string;
  diagnostics: Diagnostic[];
}
