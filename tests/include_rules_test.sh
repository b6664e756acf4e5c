#!/usr/bin/env bash
# The one-way include rule (scripts/check_includes.py): the repository keeps it, and a tree where
# engine/store includes the run (a folder above it) is refused with the file, line and rule.
set -euo pipefail
root=$1
python3 "$root/scripts/check_includes.py" "$root"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/engine/store" "$scratch/engine/run"
printf '// a store that reaches up\n#include "engine/run/run.hpp"\n' >"$scratch/engine/store/bad.cpp"
printf '#pragma once\n' >"$scratch/engine/run/run.hpp"
if output=$(python3 "$root/scripts/check_includes.py" "$scratch"); then
  echo "FAIL: an upward include was accepted"; exit 1
fi
expected='engine/store/bad.cpp:2: engine/store may not include engine/run/run.hpp'
grep -qF "$expected" <<<"$output" || { echo "FAIL: expected '$expected' in:"; echo "$output"; exit 1; }
echo "include rules: an upward include is refused"
