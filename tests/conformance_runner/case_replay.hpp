// Replays a conformance case against the real `dun` binary in a scratch directory: writes the
// scenario, snapshot, templates and config as a user would, runs each `dun run` and agenda move
// in order, then compares the jsonl lines and the history with the case's expectations.
#pragma once

#include <filesystem>
#include <string>

#include "tests/conformance_runner/case_file.hpp"

namespace dun::conformance {

struct ReplayOutcome {
  bool passed = false;
  std::string report;  // on failure: what differed, then the log of every command
};

ReplayOutcome replay_case(const Case& test_case, const std::filesystem::path& dun_binary,
                          const std::string& backend, const std::filesystem::path& work_dir);

}  // namespace dun::conformance
