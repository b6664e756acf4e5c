#include "tests/conformance_runner/line_diff.hpp"

#include <algorithm>

namespace dun::conformance {

std::string line_diff(const std::vector<std::string>& expected,
                      const std::vector<std::string>& actual,
                      const std::function<bool(std::size_t, std::size_t)>& same) {
  const std::size_t rows = expected.size();
  const std::size_t columns = actual.size();
  // common[e][a]: length of the longest common subsequence of expected[e..] and actual[a..].
  std::vector<std::vector<std::size_t>> common(rows + 1, std::vector<std::size_t>(columns + 1, 0));
  for (std::size_t e = rows; e-- > 0;) {
    for (std::size_t a = columns; a-- > 0;) {
      common[e][a] =
          same(e, a) ? common[e + 1][a + 1] + 1 : std::max(common[e + 1][a], common[e][a + 1]);
    }
  }
  std::string out;
  std::size_t e = 0;
  std::size_t a = 0;
  while (e < rows || a < columns) {
    if (e < rows && a < columns && same(e, a)) {
      out += "  " + actual[a++] + "\n";
      ++e;
    } else if (e < rows && (a == columns || common[e + 1][a] >= common[e][a + 1])) {
      out += "- " + expected[e++] + "\n";
    } else {
      out += "+ " + actual[a++] + "\n";
    }
  }
  return out;
}

}  // namespace dun::conformance
