#!/usr/bin/env bash
# Runs every cargo-fuzz target (or the named ones) one after another, each for SECONDS
# (default 600), and prints per target the executions libFuzzer reports and the number of
# crash, timeout, leak and OOM artifacts it left. Exits non-zero if any target crashed.
#
#   fuzz/run.sh               every target, 10 minutes each
#   fuzz/run.sh 30 barcode    one target for 30 seconds
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`). libFuzzer needs nightly compiler flags;
# on a stable toolchain RUSTC_BOOTSTRAP=1 unlocks them. One libFuzzer process per target
# (no -jobs/-workers): the machine is shared. Corpora and artifacts stay in fuzz/corpus and
# fuzz/artifacts, which git ignores; the corpus is seeded from the guides' examples.
set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")"
SECONDS_EACH=${1:-600}
shift || true
TARGETS=("$@")
if [ ${#TARGETS[@]} -eq 0 ]; then
  mapfile -t TARGETS < <(cargo fuzz list 2>/dev/null)
fi
export RUSTC_BOOTSTRAP=1
# The core links SQLite (rusqlite's bundled copy) into every target; AddressSanitizer
# reports its globals as an ODR violation at start-up although nothing is wrong with our
# code, and the run stops before the first input. Only that check is turned off.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_odr_violation=0}

# seed TARGET LINE...: one corpus file per line, only for a corpus that does not exist yet.
seed() {
  local dir=corpus/$1 i=0
  shift
  [ -d "$dir" ] && return 0
  mkdir -p "$dir"
  for line in "$@"; do
    printf '%s' "$line" >"$dir/seed-$i"
    i=$((i + 1))
  done
}
seed barcode 479440520200360820048831500000000868516259619897100612 \
  573313130010000580000000010000000000000000868624130809 \
  416800014000502670009358500000078777679656628687000000
seed iban "FI21 1234 5600 0007 85" MT84MALT011000012345MTLCAST001S 123456-785 440520-236082
seed reference "12 34561" "RF34 1234 561" "92125 37425 25398 97737" RF18000000000539007547034
seed money "1 234,50" "1234.50" "12 €" "-€14,505.94" "1.234,56" "12,-"
seed epc_qr $'BCD\n002\n1\nSCT\nBPOTBEB1\nRed Cross of Belgium\nBE72000000001616\nEUR1\nCHAR\n\nUrgency fund\nSample EPC QR code' \
  $'BCD\r\n001\r\n1\r\nSCT\r\nNDEAFIHH\r\nHelsingin Energia Oy\r\nFI2112345600000785\r\nEUR145.50\r\n\r\nRF18539007547034\r\n\r\nReqdExctnDt/2026-12-24'
seed hetu 131052-308T 010101A123N 311299-999R

status=0
summary=()
for target in "${TARGETS[@]}"; do
  mkdir -p "artifacts/$target" "corpus/$target"
  log=artifacts/$target/run.log
  echo "== $target: ${SECONDS_EACH}s"
  cargo fuzz build "$target" >/dev/null 2>&1 || { echo "build failed: cargo fuzz build $target"; status=1; continue; }
  cargo fuzz run "$target" "corpus/$target" -- -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
    >"$log" 2>&1
  rc=$?
  runs=$(grep -oE '^Done [0-9]+ runs' "$log" | awk '{print $2}' | tail -1)
  [ -z "$runs" ] && runs=$(grep -oE 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  crashes=$(find "artifacts/$target" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'timeout-*' -o -name 'leak-*' -o -name 'oom-*' \) | wc -l)
  line="$target: ${runs:-?} executions in ${SECONDS_EACH}s, $crashes crashes (exit $rc)"
  echo "$line"
  summary+=("$line")
  if [ "$rc" -ne 0 ] || [ "$crashes" -ne 0 ]; then
    status=1
    tail -30 "$log"
  fi
done

echo
printf '%s\n' "${summary[@]}"
exit $status
