// Runs the language server on this process's stdin and stdout until the client says `exit` or
// closes stdin. Returns the process exit code (0 after shutdown + exit, else 1). Logs go to
// stderr only: stdout carries the protocol.
#pragma once

#include "lsp/analysis.hpp"

namespace dun::lsp {

int serve_stdio(SettingsProvider settings);

}  // namespace dun::lsp
