#pragma once
// The attribute columns of an exported file: the feature id, then each property, typed for the
// format (a Shapefile's names shortened to DBF's 10 bytes, its text widths fitted to the data,
// date-times kept as text since DBF has no such type), and how a value is set on a feature.
#include "export/formats.h"
#include "store/layer.h"

#include <ogrsf_frmts.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace onemap::exports {

struct Column {
  std::string source_name;  // the property (or the id column) as OneMap names it
  std::string name;         // as the file names it
  OGRFieldType type = OFTString;
  OGRFieldSubType subtype = OFSTNone;
  int width = 0;                                    // 0: the driver's default
  std::optional<std::size_t> field = std::nullopt;  // index into Layer::fields; nullopt: the feature id
  int index = -1;  // in the file's layer, once created: drivers may hold fields of their own first (KML)
};

// The column the feature id is written to. A layer with a property of that name (its id_field,
// say) has that property written, and no column of its own for the id.
inline constexpr const char* kIdColumn = "id";

// The columns for `format`; the selection `ids` fits text widths (Shapefile only).
std::vector<Column> export_columns(const store::Layer& layer, const Format& format,
                                   const std::vector<std::uint32_t>& ids);

// Sets every column of `feature` from the layer's feature `i`. CSV text that a spreadsheet would
// run as a formula gets a leading ' (as the ledgers' CSV does).
void set_values(OGRFeature& feature, const std::vector<Column>& columns, const store::Layer& layer, std::uint32_t i,
                const Format& format);

// "field,shapefile_field" rows (UTF-8 with a BOM, for Excel) saying which DBF name holds which property.
std::string field_mapping_csv(const std::vector<Column>& columns);

}  // namespace onemap::exports
