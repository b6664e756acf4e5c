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

# The state store's private headers and SQLite's API stay inside engine/store: a shard verb that
# reaches for the connection or for sqlite3.h is refused.
rm -rf "$scratch/engine"
mkdir -p "$scratch/engine/store" "$scratch/engine/shard"
printf '#pragma once\n' >"$scratch/engine/store/sqlite_db.hpp"
printf '// the store may use its own connection\n#include "engine/store/sqlite_db.hpp"\n' \
  >"$scratch/engine/store/fine.cpp"
printf '// a shard verb with raw SQL\n#include <sqlite3.h>\n#include "engine/store/sqlite_db.hpp"\n' \
  >"$scratch/engine/shard/bad.cpp"
if output=$(python3 "$root/scripts/check_includes.py" "$scratch"); then
  echo "FAIL: an include of the store's private header was accepted"; exit 1
fi
for expected in 'engine/shard/bad.cpp:2: only the state store' \
                'engine/shard/bad.cpp:3: engine/store/sqlite_db.hpp is private to engine/store'; do
  grep -qF "$expected" <<<"$output" || { echo "FAIL: expected '$expected' in:"; echo "$output"; exit 1; }
done
if grep -qF 'engine/store/fine.cpp' <<<"$output"; then
  echo "FAIL: engine/store was refused its own header:"; echo "$output"; exit 1
fi
echo "include rules: the store's private headers and sqlite3.h stay in engine/store"

# What an include alone does not show: the store's connection type used through a public header,
# a header at engine/'s root (no stage, so no rule), and a relative include the rule cannot place.
rm -rf "$scratch/engine"
mkdir -p "$scratch/engine/shard" "$scratch/engine/run"
printf '#pragma once\n' >"$scratch/engine/stray.hpp"
printf 'void f(sqlite::Database& db);\n#include "engine/stray.hpp"\n#include "../run/run.hpp"\n' \
  >"$scratch/engine/shard/sneaky.cpp"
if output=$(python3 "$root/scripts/check_includes.py" "$scratch"); then
  echo "FAIL: a use of sqlite:: outside the store was accepted"; exit 1
fi
for expected in 'engine/shard/sneaky.cpp:1: sqlite:: is the state store' \
                'engine/shard/sneaky.cpp:2: engine/stray.hpp is in no folder with a rule' \
                'engine/shard/sneaky.cpp:3: include ../run/run.hpp from the project root'; do
  grep -qF "$expected" <<<"$output" || { echo "FAIL: expected '$expected' in:"; echo "$output"; exit 1; }
done
echo "include rules: sqlite:: outside the store, stray engine/ headers and ../ includes are refused"
