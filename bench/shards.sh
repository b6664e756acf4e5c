#!/usr/bin/env bash
# Sharded daily runs (docs/scale-out.md): one day of a `dun gen` portfolio run as 1, 2
# and 4 shards (`dun run --shard K/N`) on this machine, each shard under /usr/bin/time -v. Prints,
# per shard count, the wall time of the whole day (first shard started to last shard done, at
# most `nproc` shards at once, as a cluster of that many single-core workers would), and for
# every shard its wall, CPU and peak RSS, then the load average.
#   bench/shards.sh [SIZE] [SHARD COUNTS...]   default: 10000000 1 2 4
#   env: DUN_BIN (build/cli/dun), DUN_BENCH_DATA (bench-data), DUN_BACKEND (jit),
#        DUN_BENCH_PARALLEL (nproc): shards run at once
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh
dun=$(realpath "${DUN_BIN:-build/cli/dun}")
data=${DUN_BENCH_DATA:-bench-data}
backend=${DUN_BACKEND:-jit}
parallel=${DUN_BENCH_PARALLEL:-$(nproc)}
size=${1:-10000000}
shift || true
counts=("$@")
[[ ${#counts[@]} -eq 0 ]] && counts=(1 2 4)
mkdir -p "$data"
write_gen_config "$data/dun.toml"
snapshot=$data/snap-$size
ensure_portfolio "$dun" "$snapshot" "$size"
echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs," \
  "$(free -g | awk '/Mem:/ { print $2 }') GiB; $(date -u '+%F %H:%M UTC'); $dun ($backend);" \
  "$size invoices ($(du -sm "$snapshot" | cut -f1) MB CSV); $parallel shards at once"

one_shard() {  # K N FOLDER -> "K/N wall cpu rss"
  local report wall user sys kb cpu faults
  report=$( { /usr/bin/time -v "$dun" run --config "$data/dun.toml" --snapshot "$snapshot" \
    --scenarios scenarios --templates scenarios/templates --db "$3/dun.db" --date 2026-03-02 \
    --jsonl "$3/actions.jsonl" --backend "$backend" --shard "$1/$2" >"$3/out-$1.txt"; } 2>&1 ) ||
    { echo "shard $1/$2 failed: $report" >&2; return 1; }
  read_time_v "$report"
  printf '  shard %s/%s: %7.2f s wall %7.2f s cpu %6d MB peak RSS (%s invoices)\n' "$1" "$2" \
    "$wall" "$cpu" $((kb / 1024)) \
    "$(sed -n 's/.*invoices: \([0-9]*\) in the snapshot.*/\1/p' "$3/out-$1.txt")"
}
export -f one_shard seconds read_time_v
export dun data snapshot backend

for n in "${counts[@]}"; do
  folder=$data/shards-$size-$n
  rm -rf "$folder" && mkdir -p "$folder"
  echo "== $n shard(s), load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  start=$(date +%s.%N)
  seq 0 $((n - 1)) | xargs -P "$parallel" -I{} bash -c 'one_shard {} '"$n"' '"$folder"
  end=$(date +%s.%N)
  printf '  whole day: %.2f s wall; load after: %s\n' "$(awk -v a="$start" -v b="$end" 'BEGIN { print b - a }')" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
  "$dun" shards report --shards "$n" --db "$folder/dun.db" | sed 's/^/  /' | tail -n 2
  rm -rf "$folder"
done
