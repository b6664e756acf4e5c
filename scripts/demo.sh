#!/usr/bin/env bash
# The demo: what a new user sees first. Until the daily run exists it checks the shipped
# scenarios; it grows with the product.
set -euo pipefail
cd "$(dirname "$0")/.."
dun=${1:-build/cli/dun}
"$dun" version
