// A readable diff of expected and actual lines (longest common subsequence): "  " both,
// "- " expected only, "+ " actual only.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace dun::conformance {

// `same(e, a)`: expected line e matches actual line a (matching need not be string equality).
std::string line_diff(const std::vector<std::string>& expected,
                      const std::vector<std::string>& actual,
                      const std::function<bool(std::size_t, std::size_t)>& same);

}  // namespace dun::conformance
