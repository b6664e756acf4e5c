#!/usr/bin/env bash
# The minimal plugin of docs/adapters.md ("A minimal plugin") still builds, warning-free, with
# the build command the doc gives, against this tree's adapters/plugin/dun_adapter.h, and exports
# dun_adapter_entry. Usage: plugin_doc_example_test.sh SOURCE_DIR
set -euo pipefail
source_dir=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The first ```c block after the heading.
awk '/^### A minimal plugin/ {found = 1} found && /^```c$/ {inside = 1; next}
     inside && /^```$/ {exit} inside {print}' "$source_dir/docs/adapters.md" > "$work/hello_plugin.c"
if [[ ! -s "$work/hello_plugin.c" ]]; then
  echo "no C example under '### A minimal plugin' in docs/adapters.md"
  exit 1
fi
cc -std=c99 -Wall -Wextra -Wpedantic -Werror -fPIC -shared -fvisibility=hidden \
  -I "$source_dir/adapters/plugin" "$work/hello_plugin.c" -o "$work/libhello.so"
exported=$(nm -D --defined-only "$work/libhello.so" | awk '$2 == "T" {print $3}')
if [[ "$exported" != "dun_adapter_entry" ]]; then
  echo "the example exports '$exported', not exactly dun_adapter_entry"
  exit 1
fi
