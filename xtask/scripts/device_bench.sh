#!/usr/bin/env bash
# Benchmarks natter on a lent GPU machine (the `device` tool; see its README for the Vulkan
# loader notes). Build and pack first, here: `cargo xtask device-pack`; then run this on the
# device with `carry: [".gl", "target/device"]`. Writes JSON and logs under $OUT.
#   usage: xtask/scripts/device_bench.sh [presets...]   (default: 135m 360m 1.7b)
set -u
. "$(dirname "$0")/device_env.sh"
OUT=${OUT:-/tmp/natter-bench}
mkdir -p "$OUT"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader | tee "$OUT/gpu.txt"
bin=target/device/natter
presets=${*:-135m 360m 1.7b}
for p in $presets; do
  echo "== $p"
  "$bin" bench --synthetic "$p" --synthetic-path "/tmp/natter-$p.gguf" --tokens 256 \
    --batch 1,4,8,16 --prefill 128,512 --chunk 64 >"$OUT/bench-$p.json" 2>"$OUT/bench-$p.log"
  echo "exit $?"
  grep '^\[bench\]' "$OUT/bench-$p.log"
  rm -f "/tmp/natter-$p.gguf"
done
