#pragma once
// FreeType handles, owned from the moment they are made. FreeType is not thread-safe per library
// or face, so each user opens its own (see FontChain): nothing here is shared between threads.
#include <ft2build.h>
#include FT_FREETYPE_H

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

namespace onemap::glyphs {

// A font FreeType cannot open or read; the message names the file.
class FontError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct FtLibraryDeleter {
  void operator()(FT_Library library) const { FT_Done_FreeType(library); }
};
struct FtFaceDeleter {
  void operator()(FT_Face face) const { FT_Done_Face(face); }
};
using FtLibraryPtr = std::unique_ptr<FT_LibraryRec_, FtLibraryDeleter>;
// A face must be released before its library: declare the library first, the faces after.
using FtFacePtr = std::unique_ptr<FT_FaceRec_, FtFaceDeleter>;

FtLibraryPtr make_library();

// Face `index` of the file (a .ttc holds several), sized `pixel_size` px per em.
FtFacePtr open_face(FT_Library library, const std::filesystem::path& file, int pixel_size, long index = 0);

// Throws FontError when FreeType cannot open the file as a scalable font.
void check_font_file(const std::filesystem::path& file);

}  // namespace onemap::glyphs
