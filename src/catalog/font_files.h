#pragma once
// The fonts map labels are drawn from (the glyph PBFs of /fonts/{fontstack}/{range}.pbf), in
// order: each character comes from the first font that has it.
#include "catalog/yaml_read.h"

#include <filesystem>
#include <vector>

namespace onemap::catalog {

// Where Debian installs fonts that cover Chinese (and Latin), best first.
std::vector<std::filesystem::path> cjk_font_candidates();
// A Latin font to follow the CJK one, for the characters it lacks.
std::filesystem::path latin_font_candidate();

// onemap.yaml's `fonts:` (font files; relative paths are relative to onemap.yaml). Each must
// exist and be a font FreeType can read, else a CatalogError naming it. Without the key:
// default_fonts(). `fonts: []` configures none (the glyph route answers 404).
std::vector<std::filesystem::path> read_fonts(const YamlReader& r, const YAML::Node& root);

// The first installed (and readable) font of `cjk`, then `latin` when installed; empty when
// there is neither.
std::vector<std::filesystem::path> default_fonts(const std::vector<std::filesystem::path>& cjk = cjk_font_candidates(),
                                                 const std::filesystem::path& latin = latin_font_candidate());

}  // namespace onemap::catalog
