#include "stdlib/custom_field.hpp"

#include "stdlib/enum_names.hpp"

namespace dun {

std::string_view custom_field_type_name(CustomFieldType type) {
  return name_of(kCustomFieldTypeNames, type);
}

std::optional<CustomFieldType> parse_custom_field_type(std::string_view word) {
  return parse_by_name<CustomFieldType>(kCustomFieldTypeNames, word);
}

}  // namespace dun
