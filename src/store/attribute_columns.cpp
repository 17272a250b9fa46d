#include "store/attribute_columns.h"

#include <limits>
#include <stdexcept>

namespace onemap::store {
namespace {

// Beyond this many distinct texts a column is taken to be mostly distinct (names, ids): the
// lookup would cost more than the repeats it saves.
constexpr std::size_t kMaxLookup = 1 << 16;

bool is_text(FieldType type) {
  return type == FieldType::String || type == FieldType::Date || type == FieldType::DateTime;
}

}  // namespace

std::uint32_t TextPool::add(std::string_view text) {
  if (auto found = lookup_.find(std::string(text)); found != lookup_.end()) return found->second;
  const std::uint32_t n = push(text);
  if (lookup_.size() < kMaxLookup) lookup_.emplace(text, n);
  return n;
}

std::uint32_t TextPool::push(std::string_view text) {
  if (chars_.size() + text.size() > std::numeric_limits<std::uint32_t>::max())
    throw std::length_error("a column of more than 4 GB of text");
  chars_.append(text);
  ends_.push_back(static_cast<std::uint32_t>(chars_.size()));
  return static_cast<std::uint32_t>(ends_.size() - 1);
}

void TextPool::seal() {
  lookup_ = {};
  chars_.shrink_to_fit();
  ends_.shrink_to_fit();
}

AttributeColumns::AttributeColumns(const std::vector<Field>& fields) {
  for (const Field& f : fields) columns_.push_back(Column{f.type, {}, {}, {}, {}, {}});
}

void AttributeColumns::append(const std::vector<Value>& row) {
  for (std::size_t f = 0; f < columns_.size(); ++f) {
    Column& c = columns_[f];
    const Value* v = f < row.size() ? &row[f] : nullptr;
    if (is_text(c.type)) {
      const auto* s = v ? std::get_if<std::string>(v) : nullptr;
      c.texts.push_back(s ? c.pool.add(*s) : kNullText);
    } else if (c.type == FieldType::Boolean) {
      const auto* b = v ? std::get_if<bool>(v) : nullptr;
      c.flags.push_back(b ? (*b ? 2 : 1) : 0);
    } else if (c.type == FieldType::Integer) {
      const auto* n = v ? std::get_if<std::int64_t>(v) : nullptr;
      c.flags.push_back(n ? 1 : 0);
      c.integers.push_back(n ? *n : 0);
    } else {
      const auto* d = v ? std::get_if<double>(v) : nullptr;
      const auto* n = v ? std::get_if<std::int64_t>(v) : nullptr;
      c.flags.push_back(d || n ? 1 : 0);
      c.reals.push_back(d ? *d : n ? static_cast<double>(*n) : 0);
    }
  }
  ++rows_;
}

void AttributeColumns::seal() {
  for (Column& c : columns_) {
    c.flags.shrink_to_fit();
    c.integers.shrink_to_fit();
    c.reals.shrink_to_fit();
    c.texts.shrink_to_fit();
    c.pool.seal();
  }
}

ValueRef AttributeColumns::get(std::uint32_t row, std::size_t field) const {
  const Column& c = columns_[field];
  if (is_text(c.type)) {
    const std::uint32_t n = c.texts[row];
    if (n == kNullText) return {};
    return c.pool.at(n);
  }
  const std::uint8_t flag = c.flags[row];
  if (flag == 0) return {};
  if (c.type == FieldType::Boolean) return flag == 2;
  if (c.type == FieldType::Integer) return c.integers[row];
  return c.reals[row];
}

std::vector<Value> AttributeColumns::row(std::uint32_t row) const {
  std::vector<Value> out;
  out.reserve(columns_.size());
  for (std::size_t f = 0; f < columns_.size(); ++f) out.push_back(to_value(get(row, f)));
  return out;
}

std::size_t AttributeColumns::bytes() const {
  std::size_t n = 0;
  for (const Column& c : columns_)
    n += c.flags.capacity() + c.integers.capacity() * 8 + c.reals.capacity() * 8 + c.texts.capacity() * 4 +
         c.pool.bytes();
  return n;
}

}  // namespace onemap::store
