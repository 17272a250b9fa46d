#include "store/value.h"

#include <charconv>

namespace onemap::store {

const char* json_type_name(FieldType type) {
  switch (type) {
    case FieldType::Boolean:
      return "boolean";
    case FieldType::Integer:
      return "integer";
    case FieldType::Real:
      return "number";
    default:
      return "string";
  }
}

std::optional<Value> parse_value(FieldType type, std::string_view text) {
  switch (type) {
    case FieldType::Boolean:
      if (text == "true" || text == "1") return Value{true};
      if (text == "false" || text == "0") return Value{false};
      return std::nullopt;
    case FieldType::Integer: {
      std::int64_t v = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
      return Value{v};
    }
    case FieldType::Real: {
      double v = 0;
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
      return Value{v};
    }
    default:
      return Value{std::string(text)};
  }
}

}  // namespace onemap::store
