#!/usr/bin/env bash
# The sharded daily run on a real Dask cluster (docs/scale-out.md): a scheduler and two
# workers on 127.0.0.1, a generated portfolio run in 4 shards over 10 days through
# scripts/dun-dask, compared with one unsharded run of the same days: the sorted union of the
# shards' jsonl actions must equal the single run's exactly. Then again with the worker running a
# shard killed (kill -9) just after that shard committed its day and before it wrote its jsonl
# lines: Dask runs the task again elsewhere and the result is still identical.
#
# usage: dask_shards_test.sh DUN_BINARY SOURCE_DIR
set -euo pipefail
dun=$(realpath "$1")
source_dir=$(realpath "$2")
source "$source_dir/bench/measure.sh"
python=/usr/bin/python3
days=10
work=$(mktemp -d "${TMPDIR:-/tmp}/dun-dask-test.XXXXXX")
cluster_pids=()

cleanup() {
  for pid in "${cluster_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${cluster_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for log in "$work"/*.log; do echo "--- $log" >&2; tail -n 20 "$log" >&2; done
  exit 1
}
cd "$work"

# --- The cluster: a scheduler and two workers (each with its nanny), on loopback only ---
"$python" -m distributed.cli.dask_scheduler --host 127.0.0.1 --port 0 --no-dashboard \
  --scheduler-file scheduler.json >scheduler.log 2>&1 &
cluster_pids+=($!)
for _ in $(seq 100); do [[ -s scheduler.json ]] && break; sleep 0.2; done
[[ -s scheduler.json ]] || fail "the scheduler did not start"
address=$("$python" -c 'import json,sys; print(json.load(open("scheduler.json"))["address"])')
# The pause hook (cli/args/test_pause.hpp) is armed in the workers' environment, and disarmed while
# the marker file exists.
export DUN_TEST_PAUSE_AT=jsonl:after-intent DUN_TEST_PAUSE_MARKER="$work/paused"
touch "$work/paused"
for worker in 1 2; do
  "$python" -m distributed.cli.dask_worker "$address" --host 127.0.0.1 --nthreads 1 \
    --no-dashboard --name "worker-$worker" >"worker-$worker.log" 2>&1 &
  cluster_pids+=($!)
done
"$python" - "$address" <<'PY' || fail "the workers did not join"
import sys
from dask.distributed import Client
client = Client(sys.argv[1], timeout=60)
client.wait_for_workers(2, timeout=60)
client.close()
PY

# --- The portfolio: 10 daily snapshots; every customer followed up by the default scenario ---
write_gen_config dun.toml
"$dun" gen --invoices 1500 --days "$days" --start 2026-03-02 --seed 11 --out days >gen.log
mapfile -t dates < <(ls days | sort)
[[ ${#dates[@]} -eq $days ]] || fail "dun gen wrote ${#dates[@]} days, not $days"
run_flags() {  # the flags of `dun run` for one day and one store family
  echo --backend interp --snapshot "days/$1" --scenarios "$source_dir/scenarios" \
    --templates "$source_dir/scenarios/templates" --db "$2/dun.db" --date "$1" \
    --jsonl "$2/actions.jsonl"
}
sharded_day() {  # DATE FOLDER: the day's 4 shards through the Dask driver
  "$python" "$source_dir/scripts/dun-dask" --scheduler "$address" --shards 4 --dun "$dun" \
    -- $(run_flags "$1" "$2")
}
union_of_shards() { cat "$1"/actions.*-of-4.jsonl | sort; }

# --- One machine, unsharded ---
mkdir one
for date in "${dates[@]}"; do
  "$dun" run $(run_flags "$date" one) >>one.log 2>&1 || fail "dun run $date (unsharded)"
done
sort one/actions.jsonl >one.sorted
[[ $(wc -l <one.sorted) -gt 50 ]] || fail "the single run emitted too few actions to compare"

# --- 4 shards on Dask ---
mkdir four
for date in "${dates[@]}"; do
  sharded_day "$date" four >>four.log 2>&1 || fail "dun-dask $date"
done
union_of_shards four >four.sorted
cmp -s one.sorted four.sorted || fail "4 shards on Dask differ from one run: $(diff one.sorted four.sorted | head -5)"
"$dun" shards report --shards 4 --db four/dun.db >report.log || fail "the report is not complete"
echo "ok: 4 shards x $days days on Dask = one run ($(wc -l <one.sorted) action lines)"

# --- 4 shards on Dask, a worker killed in the middle of day 5 ---
mkdir killed
for index in "${!dates[@]}"; do
  date=${dates[$index]}
  if [[ $index -ne 4 ]]; then
    sharded_day "$date" killed >>killed.log 2>&1 || fail "dun-dask $date"
    continue
  fi
  rm -f "$work/paused"  # arm: the first shard to commit this day pauses before its jsonl lines
  sharded_day "$date" killed >>killed.log 2>&1 &
  driver=$!
  for _ in $(seq 300); do [[ -s "$work/paused" ]] && break; sleep 0.2; done
  [[ -s "$work/paused" ]] || fail "no shard reached the pause"
  sleep 0.2
  paused_dun=$(head -n1 "$work/paused")
  worker_pid=$(awk '/^PPid:/ {print $2}' "/proc/$paused_dun/status")
  grep -q distributed "/proc/$worker_pid/cmdline" 2>/dev/null ||
    grep -q python "/proc/$worker_pid/cmdline" || fail "the paused dun's parent is not a worker"
  kill -9 "$worker_pid"
  echo "killed worker process $worker_pid while dun $paused_dun ran ($date)"
  wait "$driver" || fail "dun-dask $date did not recover from the killed worker"
  for _ in $(seq 50); do kill -0 "$paused_dun" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$paused_dun" 2>/dev/null; then fail "dun $paused_dun outlived its worker"; fi
done
union_of_shards killed >killed.sorted
cmp -s one.sorted killed.sorted ||
  fail "after a killed worker the shards differ from one run: $(diff one.sorted killed.sorted | head -5)"
echo "ok: a worker killed mid-run, Dask ran the shard again: still identical"
