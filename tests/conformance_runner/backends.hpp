// The evaluation back ends every conformance case runs on: each is the value of `dun run
// --backend`, possibly followed by more flags. Add one here and every case runs on it too
// (style.md: the interpreter, the JIT at -O0 and the JIT at -O2, its default).
#pragma once

#include <array>
#include <string_view>

namespace dun::conformance {

inline constexpr std::array<std::string_view, 3> kBackends = {"interp", "jit --opt 0", "jit"};

}  // namespace dun::conformance
