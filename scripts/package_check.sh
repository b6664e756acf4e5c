#!/usr/bin/env bash
# Builds dun's .deb (`cpack -G DEB`), checks that it depends on Debian runtime packages only (no
# -dev package), unpacks it into a scratch root with `dpkg -x`, and runs the installed dun from
# there: `dun --version` must find its shipped files under the scratch root (not the source
# tree), `dun check` must pass on the installed scenarios, and `dun demo` must run on them.
#   scripts/package_check.sh [BUILD_DIR]      (default build/, already built)
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=$(realpath "${1:-${DUN_BUILD_DIR:-build}}")

rm -f "$build_dir"/dun_*.deb
(cd "$build_dir" && cpack -G DEB >/dev/null 2>&1) || { (cd "$build_dir" && cpack -G DEB); exit 1; }
deb=$(ls "$build_dir"/dun_*.deb)
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

depends=$(dpkg-deb -f "$deb" Depends)
echo "depends: $depends"
if grep -qE -- '-dev\b' <<<"$depends"; then
  echo "FAIL: the package depends on a -dev package"; exit 1
fi
for needed in libllvm19 libsqlite3-0 fonts-dejavu-core fonts-noto-cjk; do
  grep -q "$needed" <<<"$depends" || { echo "FAIL: $needed missing from Depends"; exit 1; }
done

# Every dependency resolves on this Debian: apt would install the package as it is.
apt-get install --simulate --no-install-recommends "$deb" >/dev/null || {
  echo "FAIL: apt cannot resolve the package's dependencies"; exit 1; }

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg -x "$deb" "$root"
dun="$root/usr/bin/dun"
share="$root/usr/share/dun"
for file in "$dun" "$share/scenarios/templates" "$share/examples/dun.toml" \
            "$root/usr/share/doc/dun/README.md" "$root/usr/include/dun/dun_adapter.h"; do
  [[ -e "$file" ]] || { echo "FAIL: the package has no ${file#"$root"}"; exit 1; }
done

version=$("$dun" --version)
echo "$version"
grep -qxF "shipped files: $share" <<<"$version" || {
  echo "FAIL: the installed dun does not find its files under $share"; exit 1; }

"$dun" check --templates "$share/scenarios/templates" "$share"/scenarios/*.dun

demo_log="$root/demo.log"
(cd "$root" && "$dun" demo --dir "$root/demo" --invoices 1000 --days 3) >"$demo_log"
# The demo copies the scenarios it runs into demo/scenarios/: they must be the installed ones
# (the shipped ones and those of with_fields/), not the source tree's.
for scenario in "$share"/scenarios/*.dun "$share"/scenarios/with_fields/*.dun; do
  cmp -s "$scenario" "$root/demo/scenarios/$(basename "$scenario")" || {
    echo "FAIL: the demo did not run the installed ${scenario#"$root"}"; ls "$root/demo/scenarios"; exit 1; }
done
emails=$(find "$root/demo/out/emails" -name '*.eml' | wc -l)
[[ $emails -gt 0 ]] || { echo "FAIL: the installed demo wrote no email"; cat "$demo_log"; exit 1; }
echo "package check: installed into a scratch root; dun check passed; dun demo wrote $emails emails"
