#include "dsl/types.hpp"

namespace dun::dsl {

std::string_view type_name(Type type) {
  switch (type) {
    case Type::error:
      return "an erroneous value";
    case Type::boolean:
      return "bool";
    case Type::integer:
      return "int";
    case Type::decimal:
      return "decimal";
    case Type::money:
      return "money";
    case Type::date:
      return "date";
    case Type::duration:
      return "duration";
    case Type::string:
      return "string";
    case Type::string_list:
      return "list of strings";
    case Type::contact:
      return "contact";
  }
  return "?";
}

}  // namespace dun::dsl
