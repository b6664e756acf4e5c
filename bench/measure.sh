# Sourced by the benchmarks (bench/run.sh, bench/shards.sh), tests/dask_shards_test.sh and
# tests/dirty_pages_test.sh: the dun.toml that `dun gen` portfolios run with, and reading a
# /usr/bin/time -v report.

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

# h:mm:ss or m:ss on stdin -> seconds.
seconds() { awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }'; }

# Reads the /usr/bin/time -v REPORT into wall (seconds), user, sys (CPU seconds) and kb (peak
# RSS in KiB), and cpu = user + sys.
read_time_v() {  # REPORT
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' <<<"$1" | seconds)
  user=$(sed -n 's/.*User time (seconds): //p' <<<"$1")
  sys=$(sed -n 's/.*System time (seconds): //p' <<<"$1")
  kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' <<<"$1")
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
}
