#include "store/id_column.h"

#include <algorithm>
#include <charconv>

namespace onemap::store {
namespace {

// The integer `text` writes in canonical form ("12", "-3"; not "012", "+3" or "1e3"), so that
// writing it back gives the same id.
std::optional<std::int64_t> canonical_integer(std::string_view text) {
  std::int64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || std::to_string(n) != text) return std::nullopt;
  return n;
}

}  // namespace

void IdColumn::append(std::string_view id) {
  if (numeric_) {
    if (auto n = canonical_integer(id)) {
      numbers_.push_back(*n);
      ++size_;
      return;
    }
    numeric_ = false;  // from now on text, the integers so far included
    for (std::int64_t n : numbers_) texts_.push(std::to_string(n));
    numbers_ = {};
  }
  texts_.push(id);
  ++size_;
}

bool IdColumn::less(std::uint32_t a, std::uint32_t b) const {
  return numeric_ ? numbers_[a] < numbers_[b] : texts_.at(a) < texts_.at(b);
}

std::optional<std::string> IdColumn::seal() {
  numbers_.shrink_to_fit();
  texts_.seal();
  bool sorted = true;
  for (std::uint32_t i = 1; i < size_ && sorted; ++i) sorted = less(i - 1, i);
  if (sorted) return std::nullopt;  // ascending and so without repeats: no lookup order needed
  order_.resize(size_);
  for (std::uint32_t i = 0; i < size_; ++i) order_[i] = i;
  std::sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) { return less(a, b); });
  for (std::size_t k = 1; k < order_.size(); ++k)
    if (!less(order_[k - 1], order_[k])) return at(order_[k]);
  return std::nullopt;
}

std::string IdColumn::at(std::uint32_t row) const {
  return numeric_ ? std::to_string(numbers_[row]) : std::string(texts_.at(row));
}

std::optional<std::int64_t> IdColumn::number(std::uint32_t row) const {
  if (!numeric_) return std::nullopt;
  return numbers_[row];
}

std::optional<std::uint32_t> IdColumn::find(std::string_view id) const {
  auto row_at = [&](std::size_t k) { return order_.empty() ? static_cast<std::uint32_t>(k) : order_[k]; };
  std::size_t lo = 0, hi = size_;
  if (numeric_) {
    const std::optional<std::int64_t> wanted = canonical_integer(id);
    if (!wanted) return std::nullopt;
    while (lo < hi) {
      const std::size_t mid = (lo + hi) / 2;
      if (numbers_[row_at(mid)] < *wanted)
        lo = mid + 1;
      else
        hi = mid;
    }
    if (lo < size_ && numbers_[row_at(lo)] == *wanted) return row_at(lo);
    return std::nullopt;
  }
  while (lo < hi) {
    const std::size_t mid = (lo + hi) / 2;
    if (texts_.at(row_at(mid)) < id)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo < size_ && texts_.at(row_at(lo)) == id) return row_at(lo);
  return std::nullopt;
}

std::size_t IdColumn::bytes() const {
  return numbers_.capacity() * sizeof(std::int64_t) + texts_.bytes() + order_.capacity() * sizeof(std::uint32_t);
}

}  // namespace onemap::store
