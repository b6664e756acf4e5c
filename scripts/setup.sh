#!/usr/bin/env bash
# Installs dun's build dependencies from Debian 12 packages (idempotent) and configures and builds
# dun into build/ (or $DUN_BUILD_DIR). Nothing is downloaded but Debian packages.
#   scripts/setup.sh            install what is missing, configure, build
#   DUN_SKIP_APT=1 scripts/setup.sh   skip the package step
#   DUN_TARGETS=dun scripts/setup.sh  build only the named targets
#   DUN_SANITIZE=1 DUN_BUILD_DIR=build-asan scripts/setup.sh   an ASan + UBSan build
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  llvm-19-dev clang-19 libclang-rt-19-dev   # the JIT back end; clang-19 builds the fuzz targets
  tao-pegtl-dev libtomlplusplus-dev libspdlog-dev libsqlite3-dev sqlite3
  libcairo2-dev libfontconfig-dev fonts-dejavu-core poppler-utils   # `dun gen` PDFs; tests run pdfinfo
  fonts-noto-cjk                            # letters: Chinese, Japanese and Korean text (DejaVu has none)
  libpango1.0-dev                           # letters: pango sets their text on cairo
  libssl-dev nlohmann-json3-dev             # action ids (SHA-256), action JSON
  libicu-dev                                # money and dates per language in templates
  libcmark-gfm-dev                          # Markdown templates (CommonMark, GitHub's flavour)
  libcmark-gfm-extensions-dev               # its GitHub tables extension (pipe tables in templates)
  libcurl4-openssl-dev openssl              # adapters: SMTP and the print & mail HTTP API
  libqpdf-dev                               # the letter outbox: the batch PDF, page counts
  python3-aiosmtpd                          # tests: a real SMTP server on loopback
  dovecot-imapd                             # tests: a real IMAP server (the bounce mailbox)
  python3-distributed                       # scale-out: the Dask driver and its test
  neovim                                    # tests: a real LSP client of `dun lsp` (headless)
  nodejs tmux                               # tests: the VS Code extension's client; the editors screenshot
  libcpp-httplib-dev libkainjow-mustache-dev  # dun serve: its HTTP(S) server, its page templates
  libsodium-dev                             # dun users / serve: Argon2id passwords, random tokens
  chromium chromium-driver python3-selenium # tests: the workspace in a real headless browser
  libgtest-dev libgmock-dev libbenchmark-dev
  clang-format python3 time
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -gt 0 && -z "${DUN_SKIP_APT:-}" ]]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir=${DUN_BUILD_DIR:-build}
cmake_args=(-G Ninja -DCMAKE_BUILD_TYPE=${DUN_BUILD_TYPE:-RelWithDebInfo})
[[ -n "${DUN_WERROR:-}" ]] && cmake_args+=(-DDUN_WERROR=ON)
# DUN_SANITIZE=1: AddressSanitizer + UndefinedBehaviorSanitizer (CI's sanitizer stage, its own
# build folder: DUN_BUILD_DIR=build-asan).
[[ -n "${DUN_SANITIZE:-}" ]] && cmake_args+=(-DDUN_SANITIZE=ON)
# CI needs no debugger: without -g the build is markedly faster on CI's 2 cores.
[[ "${CI:-}" == "true" ]] && cmake_args+=("-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O2 -DNDEBUG")
# ccache, when present, makes rebuilds in several checkouts cheap; the build does not need it.
command -v ccache >/dev/null && cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$build_dir" "${cmake_args[@]}" >/dev/null
# DUN_TARGETS (space-separated) builds only those targets: the demo needs only `dun`.
targets=()
for target in ${DUN_TARGETS:-}; do targets+=(--target "$target"); done
cmake --build "$build_dir" -j"${DUN_JOBS:-2}" "${targets[@]}"
