#!/usr/bin/env bash
# One device call that compares natter's previous build with the current one on the same GPU
# (same run, same kernel shapes), plus variants of the current one. Prepare here:
#   cp target/device/natter target/device/natter-prev   # before rebuilding, keep the old one
#   cargo xtask device-pack
# then run on the device with `carry: [".gl", "target/device"]`. Results land in $OUT.
# Environment:
#   PRESETS   synthetic models to measure (default "135m 1.7b")
#   VARIANTS  space-separated NAME=ARGS runs of the current build, ARGS comma-separated
#             (e.g. "nosplit=--attention-span,0")
# Any other builds carried as target/device/natter-NAME.xz are measured too, between the two.
#   AGAIN     0 to skip running the previous build a second time, last (default 1: a GPU whose
#             clocks ramp up during the call favours later runs by a few per cent, as an
#             unchanged path measured 4-6 % faster in a later run; the second run shows the drift)
#   NEW_SHAPES  cache: the current build runs with no shape flags, so with what the tuning
#             cache holds (point NATTER_TUNING_CACHE at a cache `natter tune` wrote in this call)
#   FRAMES    1 to run the frame-budget benchmark too (needs target/device/frame_budget.xz:
#             `cargo bench --bench frame_budget --no-run`, stripped and xz-compressed)
set -u
. "$(dirname "$0")/device_env.sh"
OUT=${OUT:-/tmp/natter-compare}
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,driver_version --format=csv,noheader | tee -a "$OUT/summary.txt"
D=target/device
# A build too large to carry beside the others may travel xz-compressed.
# (-f: a warm machine keeps what an earlier call unpacked, and `xz -d` would refuse to
# overwrite it, leaving that older binary to be measured.) The other builds measured are the
# ones this call carried as natter-NAME.xz, not what an earlier call left unpacked.
others=$(cd "$D" && ls natter-*.xz 2>/dev/null | sed 's/\.xz$//' | grep -v '^natter-prev$')
for z in "$D"/natter-*.xz; do
  [ -f "$z" ] && xz -df "$z" && chmod +x "${z%.xz}"
done
# Which binaries this call measures.
md5sum "$D"/natter* | tee -a "$OUT/summary.txt"
# The shapes `natter tune` picked on an H100 for each model (docs/bench/h100-tuning.txt,
# docs/bench/h100-2026-11-26-tune-*.log). A build from before --batch-columns existed rejects
# that flag: PREV_SHAPES=old runs the previous build with the shapes tuned for it (old_*).
shapes_135m="--linear-workgroup 256 --threads-per-unit 32 --attention-workgroup 64 --wide-columns 4"
# The 1.7B shapes' attention span: 128 as tuned then; 64 measured better since (tenth session,
# docs/bench/h100-2026-11-27-s10-summary.txt calls 12-13: one NPC -0.6 to -1.0 %, eight -0.2 %).
shapes_1_7b="--linear-workgroup 256 --threads-per-unit 16 --attention-workgroup 256 --wide-columns 8 --attention-span 64"
batch_135m="--batch-columns 1,2,1,4"
batch_1_7b="--batch-columns 2,2,2,2"
old_135m=$shapes_135m
old_1_7b="--linear-workgroup 256 --threads-per-unit 16 --attention-workgroup 256 --wide-columns 4"
# At most 8 files come back from a device call: JSON per run and one summary.
bench() { # name binary preset batches prefills shapes extra...
  local name=$1 bin=$2 preset=$3 batches=$4 prefills=$5 shapes=$6; shift 6
  "$D/$bin" bench --synthetic "$preset" --synthetic-path "/tmp/natter-$preset.gguf" --tokens 256 \
    --batch "$batches" --prefill "$prefills" --chunk 64 $shapes "$@" >"$OUT/$name.json" 2>"/tmp/$name.log"
  { echo "== $name exit $?"; grep '^\[bench\]' "/tmp/$name.log" | grep -v "wrote synthetic"; } | tee -a "$OUT/summary.txt"
}
for preset in ${PRESETS:-135m 1.7b}; do
  shapes=$shapes_135m batch=$batch_135m old=$old_135m
  [ "$preset" = 1.7b ] && shapes=$shapes_1_7b batch=$batch_1_7b old=$old_1_7b
  prev_shapes="$shapes $batch"
  [ "${PREV_SHAPES:-}" = old ] && prev_shapes=$old
  bench "prev-$preset" natter-prev "$preset" 1,4,8,16 128,512 "$prev_shapes"
  for o in $others; do bench "${o#natter-}-$preset" "$o" "$preset" 1,4,8,16 128,512 "$shapes $batch"; done
  new_shapes="$shapes $batch"
  [ "${NEW_SHAPES:-}" = cache ] && new_shapes=""
  bench "new-$preset" natter "$preset" 1,4,8,16 128,512 "$new_shapes"
  for v in ${VARIANTS:-}; do
    args=${v#*=}
    bench "${v%%=*}-$preset" natter "$preset" 1,4,8,16 128,512 "$shapes $batch" ${args//,/ }
  done
  [ "${AGAIN:-1}" = 1 ] && bench "prev-again-$preset" natter-prev "$preset" 1,4,8,16 128,512 "$prev_shapes"
done
if [ "${FRAMES:-0}" = 1 ] && [ -f "$D/frame_budget.xz" ]; then
  xz -d -c "$D/frame_budget.xz" >/tmp/frame_budget && chmod +x /tmp/frame_budget
  /tmp/frame_budget --bench --synthetic 135m --frames 600 --budgets 1,2,4,8 >"$OUT/frame_budget.md" 2>/tmp/frame_budget.log
  echo "frame_budget exit $?"; cat "$OUT/frame_budget.md"
fi
