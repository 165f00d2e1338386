#!/usr/bin/env bash
# Regenerates schemas/{peft,adapterhub,trl,torchtune}.schema.json from the extracted sources (see prepare.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd); OUT=${1:-$(cd "$HERE/../../../schemas" && pwd)}
python3 "$HERE/gen_peft.py" "$OUT/peft.schema.json"
python3 "$HERE/gen_ah.py" "$OUT/adapterhub.schema.json"
python3 "$HERE/gen_trl.py" "$OUT/trl.schema.json"
python3 "$HERE/gen_tt.py" "$OUT/torchtune.schema.json"
