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

Value to_value(const ValueRef& v) {
  return std::visit(
      [](const auto& x) -> Value {
        if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::string_view>)
          return std::string(x);
        else
          return x;
      },
      v);
}

ValueRef to_ref(const Value& v) {
  return std::visit(
      [](const auto& x) -> ValueRef {
        if constexpr (std::is_same_v<std::decay_t<decltype(x)>, std::string>)
          return std::string_view(x);
        else
          return x;
      },
      v);
}

bool value_matches(const ValueRef& value, const catalog::ConditionValue& wanted) {
  if (const bool* b = std::get_if<bool>(&wanted))
    return std::holds_alternative<bool>(value) && std::get<bool>(value) == *b;
  if (const double* d = std::get_if<double>(&wanted)) {
    if (const auto* i = std::get_if<std::int64_t>(&value)) return static_cast<double>(*i) == *d;
    if (const auto* r = std::get_if<double>(&value)) return *r == *d;
    return false;
  }
  const auto* s = std::get_if<std::string_view>(&value);
  return s && *s == std::get<std::string>(wanted);
}

}  // namespace onemap::store
