#!/usr/bin/env bash
# Exports the framework sources the PEFT / AdapterHub / TRL / torchtune schema generators read, and runs the
# extraction steps. Nothing fetched here is committed: it lands in $SCHEMA_WORK (default /work/scratch).
# Needs git mirrors in $SCHEMA_MIRRORS (owner+name/repo, e.g. from the session's `fetch`) of huggingface/peft,
# huggingface/trl, pytorch/torchtune, adapter-hub/adapters, huggingface/open-r1, huggingface/alignment-handbook,
# huggingface/accelerate, and the transformers wheels 4.57.6 and 5.17.0 in $SCHEMA_WORK/tf/
# (`pip download --no-deps transformers==4.57.6 transformers==5.17.0`).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
W=${SCHEMA_WORK:-/work/scratch}; M=${SCHEMA_MIRRORS:-/work/.mirror}
export SCHEMA_WORK=$W SCHEMA_MIRRORS=$M
mkdir -p "$W"/{peft,ah,trl,tt,tf}
# Each mirror is read at the commit the committed schema records (x-framework), so a rerun reproduces it.
SCHEMAS=$(cd "$HERE/../../../schemas" && pwd)
fw() { python3 -c "import json,sys; f=json.load(open('$SCHEMAS/'+sys.argv[1]))['x-framework']; print(eval(sys.argv[2], {}, {'f': f}))" "$@"; }
declare -A PIN=(
  [huggingface+peft]=$(fw peft.schema.json "f['commit']")
  [adapter-hub+adapters]=$(fw adapterhub.schema.json "f['commit']")
  [huggingface+trl]=$(fw trl.schema.json "f['commit']")
  [pytorch+torchtune]=$(fw torchtune.schema.json "f['commit']")
  [huggingface+open-r1]=$(fw trl.schema.json "f['recipes']['open-r1'].split()[0]")
  [huggingface+alignment-handbook]=$(fw trl.schema.json "f['recipes']['alignment-handbook'].split()[0]")
  [huggingface+accelerate]=${ACCELERATE_COMMIT:-HEAD}  # not recorded in the schema: set ACCELERATE_COMMIT to pin it
)
show() { git -C "$M/$1/repo" show "${PIN[$1]}:$2"; }

# PEFT: config dataclasses of every tuner
for f in src/peft/config.py src/peft/tuners/lycoris_utils.py $(git -C "$M/huggingface+peft/repo" ls-tree -r --name-only "${PIN[huggingface+peft]}" src/peft/tuners | grep 'config.py$'); do
  mkdir -p "$W/peft/$(dirname "$f")"; show huggingface+peft "$f" > "$W/peft/$f"
done
(cd "$W/peft" && python3 "$HERE/extract.py" $(find src -name '*.py' | sed 's#\(.*\)#\1=\1#') > "$W/peft_fields.json")
python3 "$HERE/peft_hist.py" > /dev/null

# AdapterHub
show adapter-hub+adapters src/adapters/configuration/adapter_config.py > "$W/ah/adapter_config.py"
python3 "$HERE/extract.py" "$W/ah/adapter_config.py=src/adapters/configuration/adapter_config.py" > "$W/ah_fields.json"

# transformers TrainingArguments (two releases) and TRL + recipe dataclasses
for v in 4.57.6 5.17.0; do
  mkdir -p "$W/tf/$v"
  (cd "$W/tf/$v" && python3 -c "import zipfile; z = zipfile.ZipFile('../transformers-$v-py3-none-any.whl'); [z.extract(n) for n in z.namelist() if n.endswith(('training_args.py', 'trainer_utils.py', 'debug_utils.py'))]")
  python3 "$HERE/enums.py" "$W"/tf/$v/transformers/{training_args,trainer_utils,debug_utils}.py > "$W/tf_enums_$v.json"
  python3 "$HERE/extract.py" "$W/tf/$v/transformers/training_args.py=src/transformers/training_args.py" > "$W/tf_fields_$v.json"
done
for f in trl/scripts/utils.py trl/scripts/grpo.py trl/scripts/rloo.py trl/trainer/base_config.py trl/trainer/model_config.py \
         trl/trainer/{sft,dpo,grpo,kto,reward,rloo}_config.py trl/experimental/orpo/orpo_config.py trl/experimental/cpo/cpo_config.py; do
  mkdir -p "$W/trl/$(dirname "$f")"; show huggingface+trl "$f" > "$W/trl/$f"
done
(cd "$W/trl" && python3 "$HERE/extract.py" $(find trl -name '*.py' | sed 's#\(.*\)#\1=\1#') > "$W/trl_fields.json")
show huggingface+open-r1 src/open_r1/configs.py > "$W/trl/openr1_configs.py"
show huggingface+open-r1 scripts/pass_rate_filtering/compute_pass_rate.py > "$W/trl/openr1_passrate.py"
show huggingface+alignment-handbook src/alignment/configs.py > "$W/trl/ah_configs.py"
python3 "$HERE/extract.py" "$W/trl/openr1_configs.py=open-r1:src/open_r1/configs.py" > "$W/openr1_fields.json"
python3 "$HERE/extract.py" "$W/trl/openr1_passrate.py=open-r1:scripts/pass_rate_filtering/compute_pass_rate.py" > "$W/openr1_passrate_fields.json"
python3 "$HERE/extract.py" "$W/trl/ah_configs.py=alignment-handbook:src/alignment/configs.py" > "$W/ahb_fields.json"
python3 "$HERE/trl_hist.py" > /dev/null
python3 "$HERE/recipe_hist.py" > /dev/null
show huggingface+accelerate src/accelerate/commands/launch.py > "$W/acc_launch.py"
python3 "$HERE/acc_opts.py"

# torchtune: the whole package (signatures of every builder) and the recipes
git -C "$M/pytorch+torchtune/repo" archive "${PIN[pytorch+torchtune]}" recipes torchtune | tar -x -C "$W/tt"
python3 "$HERE/tt_components.py" > /dev/null
