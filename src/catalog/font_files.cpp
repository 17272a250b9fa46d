#include "catalog/font_files.h"

#include "glyphs/freetype_handles.h"

#include <spdlog/spdlog.h>

namespace onemap::catalog {
namespace fs = std::filesystem;
namespace {

bool usable(const fs::path& file) {
  if (!fs::is_regular_file(file)) return false;
  try {
    glyphs::check_font_file(file);
    return true;
  } catch (const glyphs::FontError& e) {
    spdlog::warn("fonts: {} is installed but cannot be used: {}", file.string(), e.what());
    return false;
  }
}

}  // namespace

std::vector<fs::path> cjk_font_candidates() {
  return {"/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",              // fonts-wqy-microhei
          "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",      // fonts-noto-cjk
          "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"};  // fonts-droid-fallback
}

fs::path latin_font_candidate() { return "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"; }  // fonts-dejavu-core

std::vector<fs::path> default_fonts(const std::vector<fs::path>& cjk, const fs::path& latin) {
  std::vector<fs::path> out;
  for (const fs::path& file : cjk)
    if (usable(file)) {
      out.push_back(file);
      break;
    }
  if (usable(latin)) out.push_back(latin);
  return out;
}

std::vector<fs::path> read_fonts(const YamlReader& r, const YAML::Node& root) {
  if (!root["fonts"]) return default_fonts();
  std::vector<fs::path> out;
  for (const std::string& given : r.get<std::vector<std::string>>(root, "fonts", {})) {
    if (given.empty()) r.fail("fonts: an entry is empty; list font files (.ttf, .otf, .ttc)");
    fs::path file = fs::path(given).is_absolute() ? fs::path(given) : r.file().parent_path() / given;
    file = file.lexically_normal();
    if (!fs::is_regular_file(file)) r.fail("fonts: font file '" + file.string() + "' does not exist");
    try {
      glyphs::check_font_file(file);
    } catch (const glyphs::FontError& e) {
      r.fail(std::string("fonts: ") + e.what());
    }
    out.push_back(std::move(file));
  }
  return out;
}

}  // namespace onemap::catalog
