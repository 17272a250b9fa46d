#pragma once
// The fonts glyphs are drawn from, in order: each code point comes from the first font that has
// it. A chain owns its own FreeType library, so it belongs to one thread at a time; opening
// one costs well under a millisecond, and what it renders is cached by the caller.
#include "glyphs/freetype_handles.h"
#include "glyphs/glyph.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace onemap::glyphs {

class FontChain {
 public:
  // Opens face 0 of each file. Throws FontError naming a file FreeType cannot read.
  explicit FontChain(const std::vector<std::filesystem::path>& files);

  // The code point drawn by the first font that has it, as a distance field; nullopt when no
  // font has it (or none can draw it).
  std::optional<Glyph> render(char32_t code_point);

  // "Family Style" of each face, comma-joined: the name written into glyph PBFs.
  std::string name() const;

 private:
  FtLibraryPtr library_;  // declared first: released after the faces
  std::vector<FtFacePtr> faces_;
};

}  // namespace onemap::glyphs
