// What a training config's linked files change in its estimate: the ZeRO stage and offload of a linked
// DeepSpeed file (`deepspeed: ds_z3.json`), the FSDP offload of a linked `fsdp_config` JSON, and
// (from an Accelerate config the run is launched with) the world size and its own sharding. Pure: the
// caller reads the files (src/io, bounded, inside the workspace) and passes their texts in.
import type { DialectId } from '../dialects';
import { fsdpSharding } from '../estimator-input/runtime';
import type { ShardingSetting, TrainingShape } from '../estimator-input/types';
import { shardingFromDeepSpeedText } from './deepspeed-sharding';
import { findConfigLinks, type ConfigLink } from './index';

/** A link as the caller found it: the file's path and text, or the paths tried when none exists. */
export interface LinkedText {
  link: ConfigLink;
  path?: string;
  text?: string;
  tried: string[];
  /** Why an existing file could not be read (outside the workspace, too large...). */
  problem?: string;
}

/** Reads one link of the file `fromFile` (the CLI and the editor each pass their own, through src/io). */
export type LinkReader = (link: ConfigLink, fromFile: string) => LinkedText;

/** What the linked files set in the training shape, with a note per file saying what was used. */
export interface LinkedInputs {
  sharding?: ShardingSetting;
  devices?: number;
  notes: string[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJsonObject(text: string): Obj | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return isObj(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Reads every link of a config text (none without a reader or a file name). */
export function readLinks(
  text: string,
  dialect: DialectId | undefined,
  fileName: string | undefined,
  read: LinkReader | undefined,
): LinkedText[] {
  if (!read || !fileName) return [];
  return findConfigLinks(text, dialect).map((l) => read(l, fileName));
}

/** The sharding a training config's linked files state, over the file-name guess the mapping made. */
export function linkedInputs(config: Obj, linked: readonly LinkedText[]): LinkedInputs {
  const out: LinkedInputs = { notes: [] };
  for (const l of linked) {
    const what = `${l.link.path.join('.')}: ${l.link.target}`;
    if (l.text === undefined) {
      out.notes.push(
        l.problem
          ? `${what} could not be read (${l.problem}); its sharding is guessed from the file name`
          : `${what} was not found (tried ${l.tried.join(', ')}); its sharding is guessed from the file name`,
      );
      continue;
    }
    const s =
      l.link.kind === 'deepspeed'
        ? shardingFromDeepSpeedText(l.text, l.link.target)
        : fsdpFromLinkedJson(config, l.text, l.link.target);
    if (s) {
      out.sharding = s;
      out.notes.push(`read ${l.path ?? l.link.target}: ${s.setting}`);
    } else
      out.notes.push(
        `${what}: no ZeRO stage/FSDP setting could be read from its content (JSON with a numeric zero_optimization.stage expected); its sharding is guessed from the file name`,
      );
  }
  return out;
}

/**
 * TrainingArguments.fsdp_config given as a path: transformers loads the JSON and reads it as the dict
 * form (training_args.py __post_init__: `if isinstance(self.fsdp_config, str): ... json.load`); the
 * strategy still comes from `fsdp:`.
 */
function fsdpFromLinkedJson(config: Obj, text: string, target: string): ShardingSetting | undefined {
  const fc = parseJsonObject(text);
  if (!fc) return undefined;
  const s = fsdpSharding({ ...config, fsdp_config: fc });
  return s && { ...s, setting: `${s.setting}, fsdp_config: ${target}` };
}

/** The training shape with the linked files' sharding over the mapping's (keeping dp_shard_size / TP notes). */
export function withLinked(training: TrainingShape, linked: LinkedInputs | undefined): TrainingShape {
  if (!linked || (!linked.sharding && linked.devices === undefined)) return training;
  const base = training.sharding;
  return {
    ...training,
    ...(linked.devices !== undefined ? { devices: linked.devices } : {}),
    ...(linked.sharding
      ? {
          sharding: {
            ...linked.sharding,
            ...(base?.shardDevices ? { shardDevices: base.shardDevices } : {}),
            ...(base?.otherParallel ? { otherParallel: base.otherParallel } : {}),
          },
        }
      : {}),
  };
}
