#!/usr/bin/env bash
# Builds the libFuzzer targets with clang-19 (ASan + UBSan) into build-fuzz/ and runs each for
# SECONDS (default 60) on a copy of its seed corpus. Any crash, hang (>10 s on one input), leak or
# sanitizer report fails the script; the reproducer is left in build-fuzz/artifacts/.
#   scripts/fuzz.sh [SECONDS] [TARGET…]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
shift || true
build_dir=${DUN_FUZZ_BUILD_DIR:-build-fuzz}

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# -O1 with line tables: the usual fuzzing trade-off (fast enough to run, quick to build, and
# sanitizer reports still name file and line).
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDUN_FUZZ=ON \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
  -DCMAKE_CXX_COMPILER=clang++-19 -DCMAKE_C_COMPILER=clang-19 "${launcher[@]}" >/dev/null
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
  for source in tests/fuzz/*_fuzz.cpp; do targets+=("$(basename "$source" .cpp)"); done
fi
# Only the fuzz targets and the libraries they link: the rest of the tree is not instrumented.
build_targets=()
for target in "${targets[@]}"; do build_targets+=(--target "$target"); done
cmake --build "$build_dir" -j"${DUN_JOBS:-2}" "${build_targets[@]}"
mkdir -p "$build_dir/artifacts"
for target in "${targets[@]}"; do
  corpus="$build_dir/corpus/$target"
  mkdir -p "$corpus"
  [[ -d "tests/fuzz/corpus/$target" ]] && cp -r "tests/fuzz/corpus/$target/." "$corpus/"
  echo "fuzz: $target for ${seconds}s"
  "$build_dir/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
    -artifact_prefix="$build_dir/artifacts/$target-" -print_final_stats=1 "$corpus" \
    > "$build_dir/$target.log" 2>&1 || { tail -n 60 "$build_dir/$target.log"; echo "fuzz: $target FAILED"; exit 1; }
  grep -E "^stat::number_of_executed_units|^Done" "$build_dir/$target.log" | sed "s/^/fuzz: $target: /"
done
echo "fuzz: all targets clean"
