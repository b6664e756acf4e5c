#!/usr/bin/env bash
# End-to-end snapshot loading: a 1,000,000-invoice / 100,000-customer snapshot from
# `dun gen`, loaded from CSV and from SQLite and aggregated by bench/load_snapshot.cpp, each run
# under /usr/bin/time -v. Prints wall time, CPU time (user + sys), peak RSS and RSS / CSV size,
# then the best and the median over the runs.
#   bench/load_snapshot.sh [RUNS]      (default 5; env: DUN_RELEASE_DIR, DUN_SNAPSHOT_DIR)
# DUN_LOAD_CPUS: the CPUs the loader may use (taskset list, default 0: one core; 0,1 lets the
# CSV loader read the invoices file on two threads); DUN_LOAD_SNAPSHOT: time this
# dun_load_snapshot binary instead of building one (a before/after comparison).
# Targets: CSV load + aggregates <= 1.0 s wall on one core, peak RSS <= 2.5x the CSV size;
# the SQLite source within 2x of the CSV one.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
build_dir=${DUN_RELEASE_DIR:-build-release}
snapshot=${DUN_SNAPSHOT_DIR:-/tmp/dun-snapshot-1m}

if [[ ! -f "$build_dir/build.ninja" ]]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cpu_list=${DUN_LOAD_CPUS:-0}
loader=${DUN_LOAD_SNAPSHOT:-$build_dir/bench/dun_load_snapshot}
if [[ -z "${DUN_LOAD_SNAPSHOT:-}" ]]; then
  cmake --build "$build_dir" --target dun dun_load_snapshot -j"${DUN_JOBS:-2}" >/dev/null
fi
if [[ ! -f "$snapshot/invoices.csv" || ! -f "$snapshot/snapshot.db" ]]; then
  echo "load_snapshot: generating $snapshot (takes a while)"
  "$build_dir/cli/dun" gen --invoices 1000000 --customers 100000 --seed 3 --sqlite \
    --out "$snapshot" >/dev/null
fi
csv_bytes=$(cat "$snapshot"/*.csv | wc -c)
echo "snapshot: $snapshot, CSV $((csv_bytes / 1000000)) MB, $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs, loader on CPUs $cpu_list"

measure() {  # SOURCE LABEL: one line per run, then best and median
  local source=$1 label=$2 walls=() cpus=() rss=()
  for ((run = 1; run <= runs; run++)); do
    local report
    report=$( { /usr/bin/time -v taskset -c "$cpu_list" "$loader" "$source" >/dev/null; } 2>&1 )
    local wall user sys kb
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' <<<"$report" |
      awk -F: '{ print ($1 * 60) + $2 }')
    user=$(sed -n 's/.*User time (seconds): //p' <<<"$report")
    sys=$(sed -n 's/.*System time (seconds): //p' <<<"$report")
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' <<<"$report")
    walls+=("$wall")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')")
    rss+=("$kb")
  done
  printf '%s\n' "${walls[@]}" | sort -g > /tmp/load_snapshot_walls.$$
  printf '%s\n' "${cpus[@]}" | sort -g > /tmp/load_snapshot_cpus.$$
  local max_rss
  max_rss=$(printf '%s\n' "${rss[@]}" | sort -g | tail -1)
  local middle=$(((runs + 1) / 2))
  printf '%-7s wall best %5.2f s median %5.2f s | cpu (user+sys) best %5.2f s median %5.2f s | peak RSS %d MB = %.2fx the CSV\n' \
    "$label" "$(head -1 /tmp/load_snapshot_walls.$$)" "$(sed -n "${middle}p" /tmp/load_snapshot_walls.$$)" \
    "$(head -1 /tmp/load_snapshot_cpus.$$)" "$(sed -n "${middle}p" /tmp/load_snapshot_cpus.$$)" \
    $((max_rss / 1024)) "$(awk -v k="$max_rss" -v b="$csv_bytes" 'BEGIN { print k * 1024 / b }')"
  rm -f /tmp/load_snapshot_walls.$$ /tmp/load_snapshot_cpus.$$
}

measure "$snapshot" csv
measure "$snapshot/snapshot.db" sqlite
