// Reads a Hugging Face model name the way people write them ("Qwen/Qwen3-4B-Instruct-2507",
// "unsloth/llama-3-8b-bnb-4bit", "TheBloke/Llama-2-13B-chat-GPTQ") into family, version, parameter
// size, and the derived-repo tags (chat/instruct variants, quantized mirrors). Suggestions and mirror
// lookup rank catalog names by these parts rather than by raw edit distance, which prefers any name
// of similar length ("did you mean 'llama-3-8b-instruct'?" for a Qwen3 model).

export interface ParsedModelName {
  /** Organisation, lower-case, when the name is `org/name`. */
  readonly org?: string;
  /** Family word without its version: `qwen`, `llama`, `gemma`, `mistral`, `smollm`. */
  readonly family: string;
  /** Version digits: `3` (Qwen3), `2.5`, `3.1`, `0.3` (Mistral v0.3); '' when none. */
  readonly version: string;
  /** Parameter size as written, normalised: `4b`, `0.5b`, `135m`, `8x7b`, `30b-a3b`, or a size word (`mini`, `base`). */
  readonly size: string;
  /** The size in billions when numeric (`8x7b` → 56, `135m` → 0.135). */
  readonly billions?: number;
  /** Quantization tag found in the name (`bnb-4bit`, `gptq`, `awq`, ...), if any. */
  readonly quantization?: string;
  /** The name without org and quantization suffixes: `llama-3-8b` for `unsloth/llama-3-8b-bnb-4bit`. */
  readonly unquantized: string;
  /** The name with the org and every derived-repo suffix removed: `qwen3-4b`, `llama-2-13b`. */
  readonly bare: string;
}

/** Suffixes of quantized mirrors (NVIDIA ModelOpt `-NVFP4` included): the weights are stored differently, the architecture is the same. */
const QUANT_SUFFIX =
  /[-_.](unsloth[-_]bnb[-_]4bit|bnb[-_]4bit|bnb[-_]8bit|bnb[-_]nf4|4bit|8bit|gptq(?:[-_]int[48])?|awq|fp8(?:[-_]dynamic)?|int4|int8|w4a16|w8a8|nf4|nvfp4)$/;
/** Suffixes of same-family derived repos (chat/instruct tunes, dated releases, format re-uploads). */
const VARIANT_SUFFIX = /[-_.](instruct|chat|it|hf|base|thinking|fp16|bf16|v\d+(?:\.\d+)*|\d{4}|\d+k)$/;
const SIZE = /^(?:(\d+)x)?(\d+(?:\.\d+)?)([bm])$/;
const ACTIVE = /^a\d+(?:\.\d+)?b$/;
const SIZE_WORDS = new Set(['nano', 'tiny', 'mini', 'small', 'base', 'medium', 'large', 'xl', 'xxl']);
/** Words that mark a vision-language model (Qwen2-VL, Llama-3.2-11B-Vision). */
const VISION_WORDS = new Set(['vl', 'vision']);
/** Suffix of a vision-language family: `qwen-vl`, `llama-vl`. */
export const VISION_FAMILY = '-vl';
/** Words that carry no family meaning ("Meta-Llama-3" is Llama 3). */
const NOISE = new Set(['meta', 'hf']);
/**
 * Product names of releases built on another family's architecture, as their model cards say: Devstral
 * and Magistral Small are Mistral Small fine-tunes, Zephyr-7B a Mistral-7B fine-tune, StarChat2 a
 * StarCoder2 fine-tune, gpt-oss-safeguard a gpt-oss fine-tune.
 */
const BUILT_ON: Readonly<Record<string, string>> = {
  devstral: 'mistral',
  magistral: 'mistral',
  zephyr: 'mistral',
  starchat: 'starcoder',
  'gpt-oss-safeguard': 'gpt-oss',
};

function stripAll(name: string, pattern: RegExp): { name: string; last?: string } {
  let last: string | undefined;
  for (let m = pattern.exec(name); m; m = pattern.exec(name)) {
    last ??= m[1];
    name = name.slice(0, m.index);
  }
  return { name, last };
}

function billionsOf(m: RegExpExecArray): number {
  const value = Number(m[2]) * (m[1] ? Number(m[1]) : 1);
  return m[3] === 'm' ? value / 1000 : value;
}

/** Splits the leading words into family and version: `qwen2.5` → qwen/2.5, `llama`,`3.1` → llama/3.1. */
function familyAndVersion(words: string[]): { family: string; version: string } {
  const joined = words.filter((w) => !NOISE.has(w)).join('-');
  const m = /^([a-z]+(?:-[a-z]+)*?)-?v?(\d+(?:\.\d+)*)?$/.exec(joined);
  if (m) return { family: m[1], version: m[2] ?? '' };
  const alpha = /^[a-z]+/.exec(joined)?.[0] ?? joined;
  return { family: alpha, version: /\d+(?:\.\d+)*/.exec(joined.slice(alpha.length))?.[0] ?? '' };
}

export function parseModelName(ref: string): ParsedModelName {
  const trimmed = ref.trim().toLowerCase();
  const slash = trimmed.lastIndexOf('/');
  const org = slash > 0 ? trimmed.slice(0, slash) : undefined;
  const quant = stripAll(trimmed.slice(slash + 1), QUANT_SUFFIX);
  const bare = stripAll(quant.name, VARIANT_SUFFIX).name;
  const tokens = quant.name.split(/[-_]/).filter(Boolean);
  const sizeAt = tokens.findIndex((t) => SIZE.test(t));
  const wordAt = sizeAt < 0 ? tokens.findIndex((t, i) => i > 0 && SIZE_WORDS.has(t)) : -1;
  const at = sizeAt >= 0 ? sizeAt : wordAt;
  const lead = at > 0 ? tokens.slice(0, at) : bare.split(/[-_]/).filter(Boolean);
  const read = familyAndVersion(lead.filter((t) => !VISION_WORDS.has(t)));
  const named = { ...read, family: BUILT_ON[read.family] ?? read.family };
  // A vision-language model is its own family ("Qwen2-VL" is not "Qwen2"); suggest.ts falls back to
  // the text family when the catalog holds no vision-language model of that family.
  const family = tokens.some((t) => VISION_WORDS.has(t)) ? `${named.family}${VISION_FAMILY}` : named.family;
  const version =
    named.version ||
    (at >= 0
      ? (tokens
          .slice(at + 1)
          .find((t) => /^v\d/.test(t))
          ?.slice(1) ?? '')
      : '');
  let size = at >= 0 ? tokens[at] : '';
  if (sizeAt >= 0 && ACTIVE.test(tokens[sizeAt + 1] ?? '')) size += `-${tokens[sizeAt + 1]}`;
  const m = sizeAt >= 0 ? SIZE.exec(tokens[sizeAt]) : null;
  return {
    org,
    family,
    version,
    size,
    billions: m ? billionsOf(m) : undefined,
    quantization: quant.last,
    unquantized: quant.name,
    bare,
  };
}

/** 0..1: how close two parameter sizes are (1 when equal, falling with the log of the ratio). */
export function sizeCloseness(a: ParsedModelName, b: ParsedModelName): number {
  if (a.size && a.size === b.size) return 1;
  if (a.billions === undefined || b.billions === undefined) return 0;
  return Math.max(0, 1 - Math.abs(Math.log2(a.billions / b.billions)) / 4);
}
