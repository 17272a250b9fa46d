#pragma once
// Feature ids of one layer: integers while every id is one (a FID, an integer id field), text
// otherwise, and a lookup order sorted once instead of a hash map of strings (about 70 bytes a
// feature). Read-only once sealed; any thread may read it.
#include "store/attribute_columns.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace onemap::store {

class IdColumn {
 public:
  void append(std::string_view id);
  // Builds the lookup; returns an id that occurs more than once, if any.
  std::optional<std::string> seal();

  std::size_t size() const { return size_; }
  std::string at(std::uint32_t row) const;
  // The id as an integer, when every id of the layer is one written in canonical form.
  std::optional<std::int64_t> number(std::uint32_t row) const;
  std::optional<std::uint32_t> find(std::string_view id) const;
  // Rows in id order; empty when the rows are in that order already. After seal().
  const std::vector<std::uint32_t>& order() const { return order_; }
  std::size_t bytes() const;

 private:
  bool less(std::uint32_t a, std::uint32_t b) const;

  bool numeric_ = true;
  std::vector<std::int64_t> numbers_;  // while numeric_
  TextPool texts_;                     // once not
  std::vector<std::uint32_t> order_;   // rows in id order; empty when the rows are in id order already
  std::size_t size_ = 0;
};

}  // namespace onemap::store
