// Files a config points to (issue 12 item 5): LLaMA-Factory's `dataset:` names in
// `dataset_dir/dataset_info.json` and the files they name, the ranking (preference) flag against the
// stage, and Axolotl's local dataset paths. Pure: the files come from a LinkedFiles the caller builds
// on src/io (bounded reads inside the config's folder and the workspace). A file that is not there is
// a warning (it may exist only on the training machine); what a file that is there says is judged
// as the framework does.
import type { Config, RuleHit } from './ruleKit';
import type { Severity } from './types';

/** Read access to the files a config names, relative paths resolved by the caller. */
export interface LinkedFiles {
  /** The file's text; null when it does not exist; undefined when it could not be checked. */
  read(path: string): string | null | undefined;
  /** Whether a file or folder exists; undefined when it could not be checked. */
  exists(path: string): boolean | undefined;
}
export type LinkedHit = RuleHit & { code: string; severity: Severity };

const LF = 'LLaMA-Factory@ff6d4d1';
/** data_args.py:148 split_arg: a comma-separated string or a list. */
function names(v: unknown): string[] {
  if (typeof v === 'string') return v.split(',').map((s) => s.trim());
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
const join = (dir: string, file: string): string =>
  file.startsWith('/') ? file : `${dir.replace(/\/+$/, '')}/${file}`;
/** The `stage` argument get_dataset receives: train/dpo/workflow.py:45 passes "rm" for DPO. */
const loaderStage = (stage: unknown): string =>
  stage === 'dpo' ? 'rm' : typeof stage === 'string' ? stage : 'sft';

/** LLaMA-Factory data/parser.py get_dataset_list and data/loader.py, at the schema's commit. */
export function llamaFactoryDatasetHits(cfg: Config, files: LinkedFiles): LinkedHit[] {
  const keys = ['dataset', 'eval_dataset'].filter((k) => names(cfg[k]).length > 0);
  if (!keys.length) return [];
  const dir = typeof cfg.dataset_dir === 'string' ? cfg.dataset_dir : 'data';
  // parser.py:98-104: the hub (ONLINE, REMOTE:) is not read here.
  if (dir === 'ONLINE' || dir.startsWith('REMOTE:')) return [];
  const infoPath = join(dir, 'dataset_info.json');
  const text = files.read(infoPath);
  if (text === undefined) return [];
  const where = Object.prototype.hasOwnProperty.call(cfg, 'dataset_dir') ? ['dataset_dir'] : [keys[0]];
  if (text === null)
    return [
      {
        code: 'lf-dataset-info-missing',
        severity: 'warning',
        path: where,
        on: 'key',
        message: `\`${infoPath}\` was not found next to this config or in the workspace; LLaMA-Factory raises "Cannot open ${infoPath}" unless it exists where training runs (${LF} src/llamafactory/data/parser.py:113).`,
      },
    ];
  let info: Record<string, Record<string, unknown>>;
  try {
    info = JSON.parse(text) as typeof info;
  } catch {
    return [
      {
        code: 'lf-dataset-info-missing',
        severity: 'error',
        path: where,
        on: 'key',
        message: `\`${infoPath}\` is not valid JSON; LLaMA-Factory raises "Cannot open ${infoPath}" (parser.py:113).`,
      },
    ];
  }
  const out: LinkedHit[] = [];
  const stage = loaderStage(cfg.stage);
  for (const key of keys)
    for (const name of names(cfg[key])) {
      const entry = info && typeof info === 'object' ? info[name] : undefined;
      if (!entry || typeof entry !== 'object') {
        out.push({
          code: 'lf-dataset-undefined',
          severity: 'error',
          path: [key],
          on: 'value',
          message: `\`${name}\` is not defined in \`${infoPath}\`; LLaMA-Factory raises "Undefined dataset ${name} in dataset_info.json" (parser.py:126).`,
        });
        continue;
      }
      // loader.py:178: rm (and DPO, which loads as rm) needs ranking datasets, every other stage plain ones.
      const ranking = entry.ranking === true;
      if ((stage === 'rm') !== ranking)
        out.push({
          code: 'lf-dataset-stage-ranking',
          severity: 'error',
          path: [key],
          on: 'value',
          message: ranking
            ? `\`${name}\` is a preference dataset (\`ranking: true\`), which \`stage: ${String(cfg.stage ?? 'sft')}\` cannot use; LLaMA-Factory raises "The dataset is not applicable in the current training stage." (loader.py:179). Use it with stage rm or dpo.`
            : `\`${name}\` is not a preference dataset (no \`ranking: true\`), and \`stage: ${String(cfg.stage)}\` needs one; LLaMA-Factory raises "The dataset is not applicable in the current training stage." (loader.py:179).`,
        });
      // parser.py:128-144: hub, script and cloud entries are not local files.
      const local = ['hf_hub_url', 'ms_hub_url', 'om_hub_url', 'script_url', 'cloud_file_name'].every(
        (k) => !(k in entry),
      );
      if (local && typeof entry.file_name === 'string') {
        const file = join(dir, entry.file_name);
        if (files.exists(file) === false)
          out.push({
            code: 'lf-dataset-file-missing',
            severity: 'warning',
            path: [key],
            on: 'value',
            message: `\`${name}\` reads \`${file}\`, which was not found here; LLaMA-Factory raises "File ${file} not found." unless it exists where training runs (loader.py:82).`,
          });
      }
    }
  return out;
}

const DATA_FILE = /\.(jsonl?|parquet|csv|arrow|txt)$/i;
/** A path Axolotl can only read from disk: not a hub id, URL or bucket (axolotl shared.py:179-206). */
const looksLocal = (p: string): boolean =>
  !p.includes('://') && (p.startsWith('/') || p.startsWith('./') || p.startsWith('../') || DATA_FILE.test(p));

/** Axolotl 067b021 src/axolotl/utils/data/shared.py load_dataset_with_config. */
export function axolotlDatasetHits(cfg: Config, files: LinkedFiles): LinkedHit[] {
  const out: LinkedHit[] = [];
  for (const key of ['datasets', 'test_datasets', 'pretraining_dataset']) {
    const list = cfg[key];
    if (!Array.isArray(list)) continue;
    list.forEach((d, i) => {
      if (!d || typeof d !== 'object') return;
      const { path, data_files } = d as Config;
      if (typeof path !== 'string' || data_files !== undefined || !looksLocal(path)) return;
      if (files.exists(path) === false)
        out.push({
          code: 'ax-dataset-path-missing',
          severity: 'warning',
          path: [key, String(i), 'path'],
          on: 'value',
          message: `\`${path}\` looks like a local file or folder and was not found here; Axolotl loads local paths first, else tries the Hub and raises "The dataset could not be loaded" unless the path exists where training runs (axolotl@067b021 src/axolotl/utils/data/shared.py:179, :206).`,
        });
    });
  }
  return out;
}
