#include "glyphs/freetype_handles.h"

namespace onemap::glyphs {
namespace {

std::string describe(FT_Error error) {
  // FT_Error_String answers only when FreeType was built with error strings.
  const char* text = FT_Error_String(error);
  return text ? std::string(text) : "FreeType error " + std::to_string(error);
}

}  // namespace

FtLibraryPtr make_library() {
  FT_Library library = nullptr;
  if (FT_Error error = FT_Init_FreeType(&library)) throw FontError("cannot start FreeType: " + describe(error));
  return FtLibraryPtr(library);
}

FtFacePtr open_face(FT_Library library, const std::filesystem::path& file, int pixel_size, long index) {
  FT_Face raw = nullptr;
  if (FT_Error error = FT_New_Face(library, file.c_str(), index, &raw))
    throw FontError("font " + file.string() + ": " + describe(error));
  FtFacePtr face(raw);
  // Glyphs are drawn from outlines; a bitmap-only font cannot be scaled into a distance field.
  if (!FT_IS_SCALABLE(face.get())) throw FontError("font " + file.string() + ": not a scalable (outline) font");
  if (FT_Error error = FT_Set_Pixel_Sizes(face.get(), 0, static_cast<FT_UInt>(pixel_size)))
    throw FontError("font " + file.string() + ": " + describe(error));
  return face;
}

void check_font_file(const std::filesystem::path& file) {
  FtLibraryPtr library = make_library();
  open_face(library.get(), file, 24);
}

}  // namespace onemap::glyphs
