#!/usr/bin/env bash
# One device call that plays the village headless (offscreen 1280×800, no window) on the GPU
# with a synthetic model of SmolLM2-135M's shapes and types, and reports frame times while the
# player talks to Hilda and the villagers chat (assets/scripts/frames.ron). Prepare here:
#   cargo xtask device-pack --village
# then run on the device with `carry: [".gl", "target/device"]`. Results land in $OUT.
# Environment:
#   BUDGETS   dialogue budgets in GPU ms per frame to play at (default "2 8"; 2 is natter's default)
set -u
. "$(dirname "$0")/device_env.sh"
OUT=${OUT:-/tmp/natter-village}
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee -a "$OUT/summary.txt"
D=target/device
xz -d -c "$D/village.xz" >/tmp/village && chmod +x /tmp/village
# The model travels as shapes only: natter writes it (random weights; speed does not depend on
# them, but the words are nonsense) into the assets folder the game loads from.
mkdir -p assets/models
"$D/natter" bench --synthetic 135m --synthetic-path assets/models/synthetic-135m.gguf \
  --tokens 8 --batch 1 --prefill 16 >/dev/null 2>/tmp/synth.log || { cat /tmp/synth.log; exit 1; }
for b in ${BUDGETS:-2 8}; do
  BEVY_ASSET_ROOT=$PWD /tmp/village --headless --model models/synthetic-135m.gguf --budget "$b" \
    --script assets/scripts/frames.ron >"/tmp/village-$b.out" 2>"/tmp/village-$b.log"
  rc=$?
  { echo "== budget $b ms: exit $rc"; grep -v '^NPC ' "/tmp/village-$b.out"
    echo "replies: $(grep -c '^NPC ' "/tmp/village-$b.out")"; } | tee -a "$OUT/summary.txt"
  [ $rc = 0 ] || grep -E 'ERROR|WARN|panicked|failed' "/tmp/village-$b.log" | tail -20 | tee -a "$OUT/summary.txt"
  cp target/village-headless.png "$OUT/village-$b.png" 2>/dev/null
done
