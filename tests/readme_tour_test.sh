#!/usr/bin/env bash
# Runs the README's analyst tour (the ```sh block between the `tour:start` and `tour:end`
# markers) line by line, as a reader pasting it would, in a scratch copy of the repository's
# entry points, against the dun binary of this build. Fails on the first command that fails.
#
#   tests/readme_tour_test.sh BUILD_DIR      (ctest runs it as `readme_tour`)
#
# Every line runs: a verb the tour names but this build lacks fails the test.
set -euo pipefail
source_dir=$(cd "$(dirname "$0")/.." && pwd)
build_dir=$(cd "${1:?usage: readme_tour_test.sh BUILD_DIR}" && pwd)
dun="$build_dir/cli/dun"
[[ -x "$dun" ]] || { echo "no dun binary at $dun: build the dun target first" >&2; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# The tour runs from the repository's root: give it the files it uses, read-only where possible.
for entry in dun.sh scripts scenarios examples; do ln -s "$source_dir/$entry" "$scratch/$entry"; done

tour=$(awk '/<!-- tour:start -->/{on=1; next} /<!-- tour:end -->/{on=0} on' "$source_dir/README.md" |
  sed -e '/^```/d')
[[ -n "$tour" ]] || { echo "README.md has no tour between the tour:start/tour:end markers" >&2; exit 1; }

script="$scratch/tour.sh"
{
  echo 'set -eu  # as a reader pasting: no pipefail (`| head` may cut a verb short)'
  echo "export DUN_BUILD_DIR='$build_dir'"
  echo "cd '$scratch'"
} > "$script"
# Heredocs (cat > FILE <<'EOF' … EOF) are kept whole.
in_heredoc=""
while IFS= read -r line; do
  if [[ -n "$in_heredoc" ]]; then
    echo "$line" >> "$script"
    [[ "$line" == "$in_heredoc" ]] && in_heredoc=""
    continue
  fi
  if [[ "$line" =~ \<\<\'([A-Z]+)\' ]]; then in_heredoc=${BASH_REMATCH[1]}; fi
  echo "$line" >> "$script"
done <<< "$tour"

echo "== the tour, as run:"
cat "$script"
echo "== output:"
bash -x "$script"
echo "== the README tour passed"
