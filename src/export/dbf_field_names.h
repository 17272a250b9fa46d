#pragma once
// Field names a Shapefile can hold: DBF allows 10 bytes (counted in UTF-8, since the .cpg says
// UTF-8) and compares names without case. Longer names are shortened predictably, so the
// same layer always gets the same names, and the mapping is written beside the files.
#include <string>
#include <vector>

namespace onemap::exports {

inline constexpr std::size_t kDbfNameBytes = 10;

// One name per input, in order. A name that fits and is unique stays as it is (names that fit
// are placed first, so a shortened name never takes one of theirs); a longer one is cut to 10
// bytes at a character boundary, and when that is taken, to fewer bytes plus "_1", "_2", ….
std::vector<std::string> dbf_field_names(const std::vector<std::string>& names);

// The first bytes of UTF-8 text, at most `bytes`, never splitting a character.
std::string utf8_prefix(const std::string& text, std::size_t bytes);

}  // namespace onemap::exports
