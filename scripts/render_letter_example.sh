#!/usr/bin/env bash
# Renders the example letter shown in docs/letters.md: a French formal notice sent by registered
# mail with 40 overdue invoices (tests/letter_sample.hpp), with the demo's logo, as
# docs/letter-example.pdf's two pages in docs/letter-example.png and docs/letter-example-2.png.
#   scripts/render_letter_example.sh          (needs build/ from scripts/setup.sh, poppler-utils)
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir=${DUN_BUILD_DIR:-build}
cmake --build "$build_dir" -j"${DUN_JOBS:-2}" --target letter_pdf_test >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
DUN_LETTER_EXAMPLE="$work/letter.pdf" DUN_LETTER_EXAMPLE_LOGO="$PWD/examples/assets/logo.png" \
  "$build_dir/tests/letter_pdf_test" --gtest_filter='LetterExample.*' >/dev/null
pdftoppm -png -r 96 "$work/letter.pdf" "$work/page"
mv "$work/page-1.png" docs/letter-example.png
mv "$work/page-2.png" docs/letter-example-2.png
echo "wrote docs/letter-example.png and docs/letter-example-2.png ($(pdfinfo "$work/letter.pdf" | awk '/^Pages:/ {print $2}') pages)"
