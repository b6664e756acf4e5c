// The evaluation back ends every conformance case runs on (the values of `dun run --backend`).
// Add one here and every case runs on it too.
#pragma once

#include <array>
#include <string_view>

namespace dun::conformance {

inline constexpr std::array<std::string_view, 1> kBackends = {"interp"};

}  // namespace dun::conformance
