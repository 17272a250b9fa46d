#pragma once
// The attribute values of one layer, column by column: numbers in plain arrays, text in one
// pool per column where a repeated value (a category, a township name) is kept once. A value
// costs 1–8 bytes plus its text once, where a variant per value cost 40 and a vector per
// feature 40 more. Read-only once built; any thread may read it.
#include "store/value.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace onemap::store {

// Texts back to back, each found by its number; `add` keeps equal texts once while the distinct
// ones are few enough to look up (names and ids, mostly distinct, are then simply appended).
class TextPool {
 public:
  std::uint32_t add(std::string_view text);
  // Appends `text` as the next number, even when it is there already.
  std::uint32_t push(std::string_view text);
  std::string_view at(std::uint32_t n) const {
    const std::uint32_t begin = n == 0 ? 0 : ends_[n - 1];
    return std::string_view(chars_).substr(begin, ends_[n] - begin);
  }
  std::size_t size() const { return ends_.size(); }
  // Drops the lookup and the spare capacity: no more adds after it.
  void seal();
  std::size_t bytes() const { return chars_.capacity() + ends_.capacity() * sizeof(std::uint32_t); }

 private:
  std::string chars_;
  std::vector<std::uint32_t> ends_;
  std::unordered_map<std::string, std::uint32_t> lookup_;
};

class AttributeColumns {
 public:
  explicit AttributeColumns(const std::vector<Field>& fields = {});

  // One value per field, in the fields' order; a value of another type than its field's is
  // stored as null.
  void append(const std::vector<Value>& row);
  void seal();

  std::size_t size() const { return rows_; }
  ValueRef get(std::uint32_t row, std::size_t field) const;
  std::vector<Value> row(std::uint32_t row) const;
  std::size_t bytes() const;

 private:
  static constexpr std::uint32_t kNullText = 0xffffffffu;
  struct Column {
    FieldType type;
    std::vector<std::uint8_t> flags;  // Boolean: 0 null, 1 false, 2 true; Integer, Real: 1 set
    std::vector<std::int64_t> integers;
    std::vector<double> reals;
    std::vector<std::uint32_t> texts;  // number in `pool`, or kNullText
    TextPool pool;
  };
  std::vector<Column> columns_;
  std::size_t rows_ = 0;
};

}  // namespace onemap::store
