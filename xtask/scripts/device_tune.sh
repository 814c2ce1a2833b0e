#!/usr/bin/env bash
# One device call that runs `natter tune` for each synthetic model into a fresh tuning cache,
# then benchmarks the current build with the shapes it picked. Prepare with
# `cargo xtask device-pack`; run with `carry: [".gl", "target/device"]`. Results land in $OUT.
set -u
. "$(dirname "$0")/device_env.sh"
OUT=${OUT:-/tmp/natter-tune}
mkdir -p "$OUT"
export NATTER_TUNING_CACHE=$OUT/tuning.txt
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee -a "$OUT/summary.txt"
D=target/device
for preset in ${PRESETS:-135m 1.7b}; do
  "$D/natter" tune --synthetic "$preset" --synthetic-path "/tmp/natter-$preset.gguf" >"$OUT/tune-$preset.json" 2>"/tmp/tune-$preset.log"
  { echo "== tune-$preset exit $?"; grep '^\[tune\] best' "/tmp/tune-$preset.log"; } | tee -a "$OUT/summary.txt"
  grep '^\[tune\]' "/tmp/tune-$preset.log" >"$OUT/tune-$preset.log"
  "$D/natter" bench --synthetic "$preset" --synthetic-path "/tmp/natter-$preset.gguf" --tokens 256 \
    --batch 1,4,8,16 --prefill 128,512 --chunk 64 >"$OUT/tuned-$preset.json" 2>"/tmp/tuned-$preset.log"
  { echo "== tuned-$preset exit $?"; grep '^\[bench\]' "/tmp/tuned-$preset.log" | grep -v "wrote synthetic"; } | tee -a "$OUT/summary.txt"
done
