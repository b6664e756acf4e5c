#include "engine/model/skip_reason.hpp"

namespace dun {

std::string_view skip_reason_text(dsl::SkipReason reason) {
  switch (reason) {
    case dsl::SkipReason::expired:
      return "expired";
    case dsl::SkipReason::late:
      return "late";
    case dsl::SkipReason::condition:
      return "condition";
  }
  return "unknown";
}

}  // namespace dun
