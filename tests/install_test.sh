#!/usr/bin/env bash
# `cmake --install` into a scratch prefix: the installed dun finds its shipped files under
# PREFIX/share/dun (not the source tree) and checks the installed scenarios with their templates.
# (The .deb itself is built and run by scripts/package_check.sh in CI.)
set -euo pipefail
build_dir=$1
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install "$build_dir" --prefix "$prefix" >/dev/null
version=$("$prefix/bin/dun" version)
grep -qxF "shipped files: $prefix/share/dun" <<<"$version" || {
  echo "FAIL: expected 'shipped files: $prefix/share/dun' in:"; echo "$version"; exit 1; }
for file in share/dun/examples/dun.toml share/doc/dun/README.md share/doc/dun/architecture.md \
            include/dun/dun_adapter.h share/dun/editors/vscode/package.json \
            share/dun/editors/neovim/dun.lua share/doc/dun/editors.md \
            share/dun/web/templates/layout.mustache share/dun/web/style.css share/dun/web/app.js; do
  [[ -f "$prefix/$file" ]] || { echo "FAIL: $file not installed"; exit 1; }
done
"$prefix/bin/dun" check --templates "$prefix/share/dun/scenarios/templates" \
  "$prefix"/share/dun/scenarios/*.dun
# A dun outside any install (the build tree's) uses the source tree instead.
"$build_dir/cli/dun" version | grep -q "^shipped files: " || { echo "FAIL: no shipped files line"; exit 1; }
echo "install: dun, its scenarios, templates, example config and docs under $prefix"
