#!/usr/bin/env bash
# The two entry points of the README, for a fresh Debian 12 machine:
#   ./dun.sh demo   set up, build, and run dun on the bundled example
#   ./dun.sh test   set up, build, and run the whole test suite
# Anything else is passed to the built `dun` binary: ./dun.sh check scenarios/*.dun
# (`./dun.sh test FILES…` with files is the `dun test` verb: the scenarios' own test blocks.)
set -euo pipefail
cd "$(dirname "$0")"
build_dir=${DUN_BUILD_DIR:-build}

case "${1:-}" in
  demo)
    DUN_TARGETS=${DUN_TARGETS:-dun} scripts/setup.sh
    exec scripts/demo.sh "$build_dir/cli/dun"
    ;;
  test)
    if [[ $# -gt 1 ]]; then
      [[ -x "$build_dir/cli/dun" ]] || DUN_TARGETS=dun scripts/setup.sh >&2
      exec "$build_dir/cli/dun" "$@"
    fi
    scripts/setup.sh
    exec ctest --test-dir "$build_dir" --output-on-failure -j"${DUN_JOBS:-2}"
    ;;
  "")
    echo "usage: ./dun.sh demo | test | DUN-VERB [ARGS…]" >&2
    exit 2
    ;;
  *)
    [[ -x "$build_dir/cli/dun" ]] || DUN_TARGETS=dun scripts/setup.sh >&2
    exec "$build_dir/cli/dun" "$@"
    ;;
esac
