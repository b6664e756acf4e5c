// `dun lsp`: the Language Server Protocol server on stdio (lsp/, docs/editors.md). Each document
// is checked with the options `dun check` would use for it, from the dun.toml found from the
// document's folder upwards (else none: built-in defaults and a templates/ folder beside it).
#include <cstdio>
#include <filesystem>
#include <optional>

#include "cli/args/check_config.hpp"
#include "cli/args/flags.hpp"
#include "cli/verbs.hpp"
#include "engine/base/library_pages.hpp"
#include "lsp/stdio.hpp"

namespace dun::cli {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view kHelp =
    "usage: dun lsp\n"
    "\n"
    "Runs a Language Server Protocol (3.17) server on stdin/stdout for .dun scenario files, for\n"
    "editors: the diagnostics of 'dun check' as you type (with quick fixes for its suggestions),\n"
    "completion, hover, go to definition, document symbols and formatting ('dun fmt').\n"
    "Each file is checked with the dun.toml found in its folder or the nearest folder above.\n"
    "Editors start it themselves: see docs/editors.md (VS Code, Neovim, any LSP client).\n"
    "\n"
    "example (Neovim):\n"
    "  vim.lsp.start({ name = 'dun', cmd = { 'dun', 'lsp' } })\n";

std::optional<fs::path> config_above(const fs::path& document) {
  std::error_code error;
  for (fs::path folder = fs::absolute(document, error).parent_path(); !folder.empty();
       folder = folder.parent_path()) {
    const fs::path candidate = folder / "dun.toml";
    if (fs::is_regular_file(candidate, error)) return candidate;
    if (folder == folder.root_path()) break;
  }
  return std::nullopt;
}

lsp::DocumentSettings settings_for(const std::optional<fs::path>& document) {
  lsp::DocumentSettings settings;
  if (!document) return settings;
  const std::optional<fs::path> config_file = config_above(*document);
  TemplateConfig config;
  if (config_file) {
    // A configuration that does not read is `dun check`'s error to report; the editor still
    // checks the scenario with the defaults.
    if (Result<TemplateConfig> read = read_template_config(config_file)) config = *read;
  }
  settings.check.templates_dir = templates_for(*document, std::nullopt, config);
  settings.check.default_language = config.default_language;
  settings.check.fields = config.fields;
  return settings;
}

}  // namespace

int run_lsp(Args args) {
  FlagParser flags("lsp", kHelp);
  bool stdio = false;  // `--stdio`, which some clients always pass: stdio is the only transport
  flags.flag("stdio", stdio);
  if (const std::optional<int> exit_code = flags.parse(args)) return *exit_code;
  // The checker never calls LLVM, whose start-up left ~37 MB of its code resident: an editor
  // keeps this process for hours, so those pages go back to the page cache
  // (library_pages.hpp).
  release_library_pages("libLLVM");
  return lsp::serve_stdio(settings_for);
}

}  // namespace dun::cli
