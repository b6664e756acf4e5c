#!/usr/bin/env bash
# bench/ab.sh on a small generated portfolio: two builds run in turn, round by round, on fresh
# copies of the same store; the summary has a line per build with its run count, and the check
# that every run emitted the same actions passes for one dun under two names and fails, with its
# message, for a build whose actions differ. Its arguments are checked, each with its message.
# usage: ab_bench_test.sh DUN SOURCE_DIR
set -euo pipefail
dun=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$source_dir"
fail() { echo "FAIL: $*"; exit 1; }
export DUN_BENCH_DATA=$work/data DUN_AB_ROUNDS=2

# The next day: two names, one dun; the runs alternate a, b, a, b.
out=$(bench/ab.sh 2000 next a="$dun" b="$dun") || fail "next day: exit $?: $out"
echo "$out"
order=$(sed -n 's/^  round \([0-9]\), \([a-z]\): .*/\1\2/p' <<<"$out" | tr -d '\n')
[[ $order == 1a1b2a2b ]] || fail "runs in the order $order, not 1a1b2a2b"
grep -qE '^  round 1, a: +[0-9.]+ s wall +[0-9.]+ s cpu +[0-9]+ faults +[0-9]+ MB \| load [0-9.]+ s, commit [0-9.]+ s$' <<<"$out" ||
  fail "no run line with its figures"
for name in a b; do
  grep -qE "^$name +2 +[0-9.]+ s +[0-9.]+ s +[0-9.]+ s +[0-9]+ +[0-9]+ MB +[0-9.]+ s +[0-9.]+ s$" <<<"$out" ||
    fail "no summary line for $name with 2 runs"
done
grep -q '^actions: the same in every run' <<<"$out" || fail "actions not found the same"
# The next day starts from the first day's store: it emits the reminders due on its own date (a
# store of the same day again would emit nothing, whose jsonl digests as empty).
grep -q "^actions: the same in every run ($(md5sum </dev/null | cut -d' ' -f1))" <<<"$out" &&
  fail "the next day emitted no action"
# The store and the runs' files are gone; the generated portfolio stays for the next comparison.
[[ $(ls "$work/data") == snap-2000 ]] || fail "left behind: $(ls "$work/data")"

# The first day, with a build whose actions differ (a dun that adds a line to its jsonl).
cat >"$work/other-dun" <<EOF
#!/usr/bin/env bash
"$dun" "\$@" || exit
while [[ \$# -gt 0 ]]; do [[ \$1 == --jsonl ]] && echo '{"another":"action"}' >>"\$2"; shift; done
EOF
chmod +x "$work/other-dun"
if out=$(DUN_AB_ROUNDS=1 bench/ab.sh 2000 first a="$dun" other="$work/other-dun" 2>&1); then
  fail "differing actions passed: $out"
fi
grep -q '^actions: DIFFER between runs; the builds do not decide alike$' <<<"$out" ||
  fail "no message for differing actions: $out"
grep -qE '^other +1 ' <<<"$out" || fail "the summary is printed before the verdict: $out"

# Arguments.
expect_refusal() {  # MESSAGE ARGS...
  local message=$1 err
  shift
  if err=$(bench/ab.sh "$@" 2>&1); then fail "bench/ab.sh $* passed"; fi
  grep -qF "$message" <<<"$err" || fail "bench/ab.sh $*: no '$message' in: $err"
}
expect_refusal "usage: bench/ab.sh SIZE first|next NAME=DUN" 2000 next
expect_refusal "DAY must be first or next, not 'later'" 2000 later a="$dun"
expect_refusal "SIZE must be a number of invoices, not 'many'" many next a="$dun"
expect_refusal "'$dun' is not NAME=DUN" 2000 next "$dun"
expect_refusal "$work/none is not an executable" 2000 next a="$work/none"
echo "PASS"
