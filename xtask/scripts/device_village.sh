#!/usr/bin/env bash
# One device call that plays the village headless (offscreen 1280×800, no window) on the GPU
# with a synthetic model of SmolLM2-135M's shapes and types, and reports frame times while the
# player talks to Hilda and the villagers chat (assets/scripts/frames.ron). Prepare here:
#   cargo xtask device-pack --village
# (and, to compare, an older build's stripped game as target/device/village-prev.xz)
# then run on the device with `carry: [".gl", "target/device"]`. Results land in $OUT.
# Environment:
#   BUDGETS   dialogue budgets in GPU ms per frame to play at (default "2 8"; 2 is natter's default)
set -u
. "$(dirname "$0")/device_env.sh"
OUT=${OUT:-/tmp/natter-village}
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee -a "$OUT/summary.txt"
D=target/device
# A previous build carried as target/device/village-prev.xz plays too, before the current one at
# each budget, for a same-call comparison.
games=village
for g in village village-prev; do
  [ -f "$D/$g.xz" ] || continue
  xz -d -c "$D/$g.xz" >"/tmp/$g" && chmod +x "/tmp/$g"
  [ "$g" = village-prev ] && games="village-prev village"
done
# The model travels as shapes only: natter writes it (random weights; speed does not depend on
# them, but the words are nonsense) into the assets folder the game loads from.
mkdir -p assets/models
"$D/natter" bench --synthetic 135m --synthetic-path assets/models/synthetic-135m.gguf \
  --tokens 8 --batch 1 --prefill 16 >/dev/null 2>/tmp/synth.log || { cat /tmp/synth.log; exit 1; }
for b in ${BUDGETS:-2 8}; do
  for g in $games; do
    BEVY_ASSET_ROOT=$PWD "/tmp/$g" --headless --model models/synthetic-135m.gguf --budget "$b" \
      --script assets/scripts/frames.ron >"/tmp/$g-$b.out" 2>"/tmp/$g-$b.log"
    rc=$?
    { echo "== $g, budget $b ms: exit $rc"; grep -v '^NPC ' "/tmp/$g-$b.out"
      echo "replies: $(grep -c '^NPC ' "/tmp/$g-$b.out")"; } | tee -a "$OUT/summary.txt"
    [ $rc = 0 ] || grep -E 'ERROR|WARN|panicked|failed' "/tmp/$g-$b.log" | tail -20 | tee -a "$OUT/summary.txt"
    [ "$g" = village ] && cp target/village-headless.png "$OUT/village-$b.png" 2>/dev/null
  done
done
