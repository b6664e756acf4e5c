#include "engine/model/repetition_name.hpp"

namespace dun {

std::string repetition_name(std::string_view step, int repetition) {
  std::string name(step);
  if (repetition > 0) name += " #" + std::to_string(repetition);
  return name;
}

}  // namespace dun
