#!/usr/bin/env bash
# `dun lsp` with a real client: Debian's neovim, headless, driven by lsp_neovim/init.lua (which
# asserts each answer). usage: lsp_neovim_test.sh DUN_BINARY SOURCE_DIR
set -euo pipefail
dun=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/templates"
printf 'Subject: Reminder\n\nDear {customer.name},\n' >"$work/templates/first_reminder.en.txt"
printf 'Subject: Reminder\n\nDear {customer.name},\n' >"$work/templates/second_reminder.en.txt"
printf '[engine]\ntemplates = "templates"\n' >"$work/dun.toml"
cp "$source_dir/tests/lsp_neovim/scenario.dun" "$work/scenario.dun"
"$dun" fmt - <"$work/scenario.dun" >"$work/expected_format.dun"

cd "$work"
status=0
DUN_BINARY="$dun" DUN_RESULT="$work/result.txt" DUN_EXPECTED_FORMAT="$work/expected_format.dun" \
  timeout 120 nvim --headless --clean -n -u "$source_dir/tests/lsp_neovim/init.lua" scenario.dun \
  </dev/null >/dev/null 2>"$work/nvim_stderr.txt" || status=$?
cat "$work/result.txt" 2>/dev/null || { echo "neovim wrote no result"; cat "$work/nvim_stderr.txt"; }
[[ $status -eq 0 ]] && grep -qx "ALL PASSED" "$work/result.txt"
