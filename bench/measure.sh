# Sourced by the benchmarks (bench/run.sh, bench/shards.sh, bench/ab.sh),
# tests/dask_shards_test.sh, tests/dirty_pages_test.sh and tests/ab_bench_test.sh: the dun.toml
# that `dun gen` portfolios run with, the portfolios themselves, and reading a /usr/bin/time -v
# report.

# Writes FILE: the demo's company, and a rate for every currency `dun gen` writes.
write_gen_config() {  # FILE
  cat >"$1" <<'TOML'
# the demo's company, rates for every currency `dun gen` writes (bench/measure.sh)
[company]
name = "Our Company SAS"
language = "en"
currency = "EUR"
late_interest_rate = "ECB+10"
[engine]
default_scenario = "standard_b2b"
[rates]
USD = 0.92
GBP = 1.17
PLN = 0.23
TOML
}

# Generates the benchmarks' portfolio of N invoices (and N/10 customers) into SNAPSHOT with DUN,
# unless it is there already.
ensure_portfolio() {  # DUN SNAPSHOT N
  if [[ ! -f "$2/invoices.csv" ]]; then
    echo "generating $2"
    "$1" gen --invoices "$3" --customers $(($3 / 10)) --seed 3 --start 2026-03-02 --out "$2" \
      >/dev/null
  fi
}

# h:mm:ss or m:ss on stdin -> seconds.
seconds() { awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }'; }

# Reads the /usr/bin/time -v REPORT into wall (seconds), user, sys (CPU seconds), kb (peak
# RSS in KiB), faults (minor page faults), and cpu = user + sys.
read_time_v() {  # REPORT
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' <<<"$1" | seconds)
  user=$(sed -n 's/.*User time (seconds): //p' <<<"$1")
  sys=$(sed -n 's/.*System time (seconds): //p' <<<"$1")
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' <<<"$1")
  faults=$(sed -n 's/.*Minor (reclaiming a frame) page faults: //p' <<<"$1")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
}
