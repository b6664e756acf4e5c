#!/usr/bin/env bash
# bench/dirty_pages.py on a real store: dun runs a first day on a generated portfolio, a copy is
# kept, dun runs the next day; the tool names the b-trees the next day rewrote (the sequences
# and step events among them, pages of the store's own page size) with a total that adds up, and
# says nothing changed between a store and its copy. It refuses a store whose WAL holds pages.
# usage: dirty_pages_test.sh DUN SOURCE_DIR
set -euo pipefail
dun=$1
source_dir=$2
tool=$source_dir/bench/dirty_pages.py
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$source_dir"
source bench/measure.sh

"$dun" gen --invoices 2000 --customers 200 --seed 3 --start 2026-03-02 --out "$work/snap" >/dev/null
write_gen_config "$work/dun.toml"
run_day() {  # DATE
  "$dun" run --config "$work/dun.toml" --snapshot "$work/snap" --scenarios scenarios \
    --templates scenarios/templates --db "$work/store.db" --date "$1" --jsonl "$work/$1.jsonl" \
    >/dev/null
}
fail() { echo "FAIL: $*"; exit 1; }

run_day 2026-03-02
cp "$work/store.db" "$work/before.db"
run_day 2026-03-03
report=$(/usr/bin/python3 "$tool" "$work/before.db" "$work/store.db")
echo "$report"

# A line per b-tree: name, pages changed, pages it has, MB.
for tree in sequences step_events events_by_invoice; do
  line=$(grep -E "^$tree +[0-9]+ +[0-9]+ +[0-9.]+$" <<<"$report") || fail "no line for $tree"
  read -r _ changed of _ <<<"$line"
  ((changed > 0 && changed <= of)) || fail "$tree: $changed pages changed of $of"
done
# The total is the sum of the lines, and its MB are pages of the store's page size.
sum=$(grep -vE '^(b-tree|total) ' <<<"$report" | awk '{ s += $2 } END { print s }')
read -r _ total_changed _ total_mb < <(grep '^total ' <<<"$report")
[[ $sum == "$total_changed" ]] || fail "the total $total_changed is not the sum $sum"
page_size=$(/usr/bin/python3 -c 'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("PRAGMA page_size").fetchone()[0])' "$work/store.db")
expected_mb=$(awk -v p="$total_changed" -v s="$page_size" 'BEGIN { printf "%.1f", p * s / 1e6 }')
[[ $total_mb == "$expected_mb" ]] || fail "total MB $total_mb, expected $expected_mb"

# A store against its own copy: nothing changed.
same=$(/usr/bin/python3 "$tool" "$work/before.db" "$work/before.db")
grep -qE '^total +0 ' <<<"$same" || fail "a copy differs from itself: $same"

# A WAL with pages in it: refused, with what to do.
printf 'not empty' >"$work/store.db-wal"
if err=$(/usr/bin/python3 "$tool" "$work/before.db" "$work/store.db" 2>&1); then
  fail "a store with a WAL was compared"
fi
grep -q "store.db-wal holds pages not yet in .*checkpoint it first" <<<"$err" || fail "message: $err"
echo "dirty_pages_test: ok"
