#!/usr/bin/env bash
# The demo (`./dun.sh demo`): generates a deterministic example portfolio with `dun gen` (20
# daily snapshots of 5,000 invoices), checks the shipped scenarios, then runs dun every day in
# order — as a batch job would — and shows the last day's summary, some actions and the agenda.
# Its configuration demo/dun.toml is examples/dun.toml with the paths made relative to demo/:
# the outbox adapters write the emails to demo/out/emails/ and the letters to demo/out/letters/.
set -euo pipefail
cd "$(dirname "$0")/.."
dun=${1:-build/cli/dun}
demo=demo
rm -rf "$demo"
mkdir -p "$demo"
sed 's|"\.\./demo/|"|' examples/dun.toml > "$demo/dun.toml"
config="$demo/dun.toml"

echo "== dun gen: 5,000 invoices, 20 daily snapshots from 2026-03-02 into $demo/days/"
"$dun" gen --invoices 5000 --days 20 --start 2026-03-02 --seed 42 --out "$demo/days" >/dev/null

echo "== dun check scenarios/*.dun"
"$dun" check --templates scenarios/templates scenarios/*.dun

echo "== dun run, day after day (config: $config)"
days=("$demo"/days/*/)
for day_dir in "${days[@]}"; do
  day=$(basename "$day_dir")
  if [[ "$day_dir" == "${days[-1]}" ]]; then
    "$dun" run --config "$config" --snapshot "$day_dir" --date "$day" --jsonl "$demo/actions.jsonl"
  else
    "$dun" run --config "$config" --snapshot "$day_dir" --date "$day" --jsonl "$demo/actions.jsonl" \
      | grep -E "^dun run|actions: " | paste -sd' '
  fi
done

# The last day's snapshot is the configuration's [engine] snapshot, for the verbs run afterwards
# (dun status, dun render, dun agenda show).
ln -sfn "days/$(basename "${days[-1]}")" "$demo/snapshot"

echo
echo "== the first actions in $demo/actions.jsonl ($(wc -l < "$demo/actions.jsonl") lines in all)"
head -n 3 "$demo/actions.jsonl"
echo
echo "== the open tasks of the agenda (dun agenda list --config $config)"
"$dun" agenda list --config "$config" > "$demo/agenda.txt"
head -n 8 "$demo/agenda.txt"
echo "($(($(wc -l < "$demo/agenda.txt") - 1)) open tasks in all)"
echo
# Letters are `confirm` actions: a collector confirms them in the agenda before they go out. The
# demo confirms every pending letter, as a collector would, and delivers them at once.
last_day=$(basename "${days[-1]}")
confirm_ids=$("$dun" agenda list --json --config "$config" | /usr/bin/python3 -c \
  'import json, sys; print(" ".join(str(t["id"]) for t in json.load(sys.stdin) if t["kind"] == "confirm"))')
if [[ -n "$confirm_ids" ]]; then
  echo "== a collector confirms the $(wc -w <<< "$confirm_ids") pending letters in one command (dun agenda confirm IDS… --by), then dun deliver"
  # shellcheck disable=SC2086 # the ids are words
  "$dun" agenda confirm $confirm_ids --by demo --config "$config" --date "$last_day" | tail -n 1
  "$dun" deliver --config "$config" --date "$last_day"
  echo
fi
echo "== what the outbox adapters wrote"
count() {  # files in folder $1 named like $2 (0 when the folder is not there)
  if [[ -d "$1" ]]; then find "$1" -maxdepth 1 -name "$2" | wc -l; else echo 0; fi
}
emails=$(count "$demo/out/emails" '*.eml')
letters=$(( $(count "$demo/out/letters" '*.pdf') - $(count "$demo/out/letters" 'batch-*.pdf') ))
batches=$(count "$demo/out/letters" 'batch-*.pdf')
echo "$emails emails as .eml files in $demo/out/emails/ (open one with any mail client)"
echo "$letters letters as PDFs in $demo/out/letters/, listed in $demo/out/letters/manifest.csv"
echo "$batches batch PDFs for duplex printing in $demo/out/letters/ (batch-DATE.pdf)"
echo
echo "The state store is $demo/dun.db; the actions are in $demo/actions.jsonl; the configuration"
echo "is $config (try: dun agenda show ID --config $config)."
# The collectors' workspace over the same store: a demo account (an admin: every page), then the
# command that serves it.
"$dun" users remove demo --config "$config" >/dev/null 2>&1 || true
echo "demo-password" | "$dun" users add demo --role admin --config "$config" >/dev/null
echo
echo "The collectors' workspace: run"
echo "  dun serve --config $config"
echo "then open http://127.0.0.1:8080/ and log in as demo, password demo-password."
