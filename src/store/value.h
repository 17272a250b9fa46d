#pragma once
// Attribute values and schemas, typed as OGR reads them and as JSON writes them.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "catalog/condition.h"

namespace onemap::store {

using Value = std::variant<std::monostate, bool, std::int64_t, double, std::string>;
// A value read where a layer stores it (attribute_columns.h): text as a view into its column.
using ValueRef = std::variant<std::monostate, bool, std::int64_t, double, std::string_view>;

// An owned Value of a ValueRef, and the other way round.
Value to_value(const ValueRef& v);
ValueRef to_ref(const Value& v);

enum class FieldType { Boolean, Integer, Real, String, Date, DateTime };

struct Field {
  std::string name;
  FieldType type = FieldType::String;
};

// JSON Schema type name ("boolean", "integer", "number", "string").
const char* json_type_name(FieldType type);

// Whether a value equals a condition's literal (catalog/condition.h): numbers match integer and
// real values alike, strings match text and dates; null matches nothing.
bool value_matches(const ValueRef& value, const catalog::ConditionValue& wanted);

// Reads query-string text as a value of `type` ("true", "42", "3.5", "2024-05-01");
// nullopt when the text is not such a value.
std::optional<Value> parse_value(FieldType type, std::string_view text);

}  // namespace onemap::store
