#!/usr/bin/env bash
# Two or more `dun` builds compared on one day of one portfolio, run by run in turn (A B A B …):
# this machine's speed drifts by ±10 % over minutes, so runs made one build after the other
# compare the minutes, not the builds. Each run is a fresh copy of the same store under
# /usr/bin/time -v; the summary gives, per build, the minimum and median wall time, the median
# CPU time (user + sys) and minor page faults, the highest peak RSS, the median of the run's
# `load` and `commit` phases, and whether every build emitted the same actions (the jsonl's
# distinct lines) — a faster build that decides differently is not faster.
#   bench/ab.sh SIZE DAY NAME=DUN [NAME=DUN ...]
#     SIZE  invoices of the generated portfolio (bench-data/snap-SIZE, made if missing)
#     DAY   first: the first day (2026-03-02) on an empty store;
#           next: the day after (2026-03-03), on copies of one first-day store that the first
#           build makes once
#   env: DUN_BENCH_DATA (bench-data), DUN_AB_ROUNDS (5), DUN_BACKEND (jit|interp, default jit)
# Run it on a quiet machine; bench/RESULTS.md records what each round compared this way.
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh

usage() {
  echo "usage: bench/ab.sh SIZE first|next NAME=DUN [NAME=DUN ...]" >&2
  exit 2
}
[[ $# -ge 3 ]] || usage
size=$1
day=$2
shift 2
[[ $size =~ ^[1-9][0-9]*$ ]] || { echo "bench/ab.sh: SIZE must be a number of invoices, not '$size'" >&2; exit 2; }
case $day in
  first) date=2026-03-02 ;;
  next) date=2026-03-03 ;;
  *) echo "bench/ab.sh: DAY must be first or next, not '$day'" >&2; exit 2 ;;
esac
names=()
duns=()
for build in "$@"; do
  [[ $build == *=* && -n ${build%%=*} && -n ${build#*=} ]] ||
    { echo "bench/ab.sh: '$build' is not NAME=DUN" >&2; exit 2; }
  [[ -x ${build#*=} ]] || { echo "bench/ab.sh: ${build#*=} is not an executable" >&2; exit 2; }
  names+=("${build%%=*}")
  duns+=("${build#*=}")
done
data=${DUN_BENCH_DATA:-bench-data}
rounds=${DUN_AB_ROUNDS:-5}
backend=${DUN_BACKEND:-jit}
snapshot=$data/snap-$size
mkdir -p "$data"
work=$(mktemp -d "$data/ab.XXXXXX")
trap 'rm -rf "$work"' EXIT
write_gen_config "$work/dun.toml"
ensure_portfolio "${duns[0]}" "$snapshot" "$size"

echo "machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) CPUs; $(date -u '+%F %H:%M UTC');" \
  "$size invoices, $day day ($date), backend $backend, $rounds rounds"

# Runs DUN on DATE against DB; prints "wall cpu faults rss_kb load commit" (the phases' wall s).
one_run() {  # DUN DB DATE JSONL
  local report out wall user sys kb cpu faults
  out=$(mktemp)
  report=$( { /usr/bin/time -v "$1" run --config "$work/dun.toml" --snapshot "$snapshot" \
    --scenarios scenarios --templates scenarios/templates --db "$2" --date "$3" \
    --jsonl "$4" --backend "$backend" --verbose >"$out"; } 2>&1 ) ||
    { cat "$out" >&2; echo "$report" >&2; rm -f "$out"; return 1; }
  rm -f "$out"
  read_time_v "$report"
  # `--verbose` logs "run DATE: PHASE took W s (cpu C s)"; the loads run side by side on a
  # steady day, as one section.
  local load commit
  load=$(sed -n 's/.*run [0-9-]*: load snapshot\( ‖ load state\)\? took \([0-9.]*\)s.*/\2/p' <<<"$report" | tail -1)
  commit=$(sed -n 's/.*run [0-9-]*: commit took \([0-9.]*\)s.*/\1/p' <<<"$report")
  echo "$wall $cpu $faults $kb ${load:-0} ${commit:-0}"
}

# The state every next-day run starts from.
if [[ $day == next ]]; then
  one_run "${duns[0]}" "$work/first.db" 2026-03-02 "$work/first.jsonl" >/dev/null
  [[ ! -s "$work/first.db-wal" ]] || { echo "bench/ab.sh: the first day left a WAL" >&2; exit 1; }
fi

results=$work/results
for ((r = 1; r <= rounds; r++)); do
  for i in "${!duns[@]}"; do
    db=$work/run.db
    rm -f "$db" "$db-wal" "$db-shm" "$db.lock"
    [[ $day == next ]] && cp "$work/first.db" "$db"
    line=$(one_run "${duns[$i]}" "$db" "$date" "$work/${names[$i]}-$r.jsonl")
    echo "${names[$i]} $line" >>"$results"
    read -r wall cpu faults kb load commit <<<"$line"
    printf '  round %d, %-10s %6.2f s wall %6.2f s cpu %8d faults %6d MB | load %s s, commit %s s\n' \
      "$r" "${names[$i]}:" "$wall" "$cpu" "$faults" $((kb / 1024)) "$load" "$commit"
    # No file: the run emitted no action (an empty day), which compares as empty.
    { [[ ! -f "$work/${names[$i]}-$r.jsonl" ]] || sort -u "$work/${names[$i]}-$r.jsonl"; } |
      md5sum | cut -d' ' -f1 >>"$work/actions"
    rm -f "$work/${names[$i]}-$r.jsonl"
  done
done

# Per build: the median of a column of its runs (the lower middle one for an even count).
median() {  # NAME COLUMN
  awk -v n="$1" -v c="$2" '$1 == n { print $c }' "$results" | sort -g |
    awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
echo "build       runs  wall min  wall median  cpu median  faults median  peak RSS max  load median  commit median"
for name in "${names[@]}"; do
  printf '%-10s  %4d  %6.2f s  %9.2f s  %8.2f s  %13d  %9d MB  %9.3f s  %11.3f s\n' "$name" \
    "$(awk -v n="$name" '$1 == n' "$results" | wc -l)" \
    "$(awk -v n="$name" '$1 == n { print $2 }' "$results" | sort -g | head -1)" \
    "$(median "$name" 2)" "$(median "$name" 3)" "$(median "$name" 4)" \
    $(($(awk -v n="$name" '$1 == n { print $5 }' "$results" | sort -g | tail -1) / 1024)) \
    "$(median "$name" 6)" "$(median "$name" 7)"
done
if [[ $(sort -u "$work/actions" | wc -l) -eq 1 ]]; then
  echo "actions: the same in every run ($(head -1 "$work/actions"))"
else
  echo "actions: DIFFER between runs; the builds do not decide alike" >&2
  exit 1
fi
