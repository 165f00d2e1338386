// Which Hugging Face transformers release a count assumes. The module tree PEFT wraps changed between
// releases (transformers 5 fuses MoE experts into 3-D parameters and ties mT5's lm_head; PEFT 0.20 then
// rewrites LoRA targets onto the fused experts), so every estimate names the release it follows.
import { EstimateError } from './types';

/**
 * The newest release whose module trees this estimator follows, and the default: what this machine's
 * package index installs today. Checked against PEFT 0.20.0 counts: the shared oracle's 5.12.1 cases give
 * the same answers on 5.17.0, and test/data/oracle/local was counted on 5.17.0 (scripts/oracle).
 */
export const NEWEST_TRANSFORMERS = '5.17.0';
/** The oldest layout modelled: the PEFT oracle's transformers main of December 2024. */
export const OLDEST_TRANSFORMERS = '4.47.0';

export interface TransformersRelease {
  /** As the user wrote it (or the default), e.g. '4.57.6', '5.12.1', '4.47.0.dev0'. */
  version: string;
  major: number;
  minor: number;
  /** transformers >= 5: fused MoE experts, PEFT's v4 -> v5 target conversion, mT5 tied head. */
  v5: boolean;
  /** Where the version came from, for the basis line ('default: newest supported', a setting, a flag). */
  source: string;
  /** Set when the version lies outside the releases modelled (the nearest layout is used). */
  note?: string;
}

const PATTERN = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[.-]?(?:dev|rc|a|b|post)\d*)?(?:\+[\w.]+)?$/;

function cmp(a: [number, number], b: [number, number]): number {
  return a[0] !== b[0] ? a[0] - b[0] : a[1] - b[1];
}

/** Parses a transformers version (PEP 440 forms such as 4.47.0.dev0, 4.57.6, 5.12.1, 5.0.0rc1). */
export function transformersRelease(version: string | undefined, source?: string): TransformersRelease {
  if (version === undefined || version === null || version === '') {
    return {
      ...transformersRelease(NEWEST_TRANSFORMERS, 'x'),
      source: source ?? 'newest supported; no version set',
    };
  }
  const m = PATTERN.exec(String(version).trim());
  if (!m) {
    throw new EstimateError(
      `transformers version "${version}" is not a version number (expected e.g. 4.57.6 or 5.17.0).`,
    );
  }
  const major = Number(m[1]);
  const minor = Number(m[2]);
  const rel: TransformersRelease = {
    version: String(version).trim(),
    major,
    minor,
    v5: major >= 5,
    source: source ?? 'given',
  };
  if (cmp([major, minor], [4, 47]) < 0) {
    rel.note = `transformers ${rel.version} is older than ${OLDEST_TRANSFORMERS}, the oldest layout modelled: module names and shapes follow 4.47`;
  } else if (cmp([major, minor], [5, 17]) > 0) {
    rel.note = `transformers ${rel.version} is newer than ${NEWEST_TRANSFORMERS}, the newest release checked: module tree as in ${NEWEST_TRANSFORMERS}`;
  }
  return rel;
}

/** True when the release is at least major.minor. */
export function atLeast(rel: TransformersRelease, major: number, minor: number): boolean {
  return cmp([rel.major, rel.minor], [major, minor]) >= 0;
}

/** The phrase every basis line ends with. */
export function releaseBasis(rel: TransformersRelease): string {
  return `transformers ${rel.version} (${rel.source})`;
}
