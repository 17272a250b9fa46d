#include "export/export_columns.h"

#include "encode/csv_writer.h"
#include "export/dbf_field_names.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

namespace onemap::exports {
namespace {

constexpr int kDbfMaxWidth = 254;

bool is_shapefile(const Format& f) { return f.key == "shp"; }

void set_type(Column& c, store::FieldType type, const Format& format) {
  switch (type) {
    case store::FieldType::Boolean:
      c.type = OFTInteger;
      c.subtype = OFSTBoolean;
      break;
    case store::FieldType::Integer:
      c.type = OFTInteger64;  // KML has no 64-bit integers: see export_columns
      break;
    case store::FieldType::Real:
      c.type = OFTReal;
      break;
    case store::FieldType::Date:
      // LIBKML leaves date fields out of its schema, so readers drop them: KML gets ISO 8601 text.
      c.type = format.key == "kml" ? OFTString : OFTDate;
      break;
    case store::FieldType::DateTime:
      // DBF has dates but no times: the text keeps the time and its zone.
      c.type = is_shapefile(format) || format.key == "kml" ? OFTString : OFTDateTime;
      break;
    case store::FieldType::String:
      c.type = OFTString;
      break;
  }
}

// The widest value of a text column in the selection, in bytes (DBF counts bytes, UTF-8 here).
int text_width(const store::Layer& layer, const Column& c, const std::vector<std::uint32_t>& ids) {
  std::size_t widest = 1;
  for (std::uint32_t i : ids) {
    if (!c.field) {
      widest = std::max(widest, layer.feature_id(i).size());
    } else if (const store::ValueRef v = layer.value(i, *c.field);
               const auto* text = std::get_if<std::string_view>(&v)) {
      widest = std::max(widest, text->size());
    }
  }
  return static_cast<int>(std::min<std::size_t>(widest, kDbfMaxWidth));
}

// Whether every value of an integer column in the selection fits 32 bits.
bool fits_int32(const store::Layer& layer, const Column& c, const std::vector<std::uint32_t>& ids) {
  for (std::uint32_t i : ids) {
    std::int64_t v = 0;
    if (!c.field) {
      const std::string id = layer.feature_id(i);
      if (std::from_chars(id.data(), id.data() + id.size(), v).ec != std::errc()) return false;
    } else if (const store::ValueRef value = layer.value(i, *c.field);
               const auto* n = std::get_if<std::int64_t>(&value)) {
      v = *n;
    }
    if (v < INT32_MIN || v > INT32_MAX) return false;
  }
  return true;
}

}  // namespace

std::vector<Column> export_columns(const store::Layer& layer, const Format& format,
                                   const std::vector<std::uint32_t>& ids) {
  std::vector<Column> columns;
  if (!layer.field_index(kIdColumn))
    columns.push_back({kIdColumn, kIdColumn, layer.numeric_ids ? OFTInteger64 : OFTString});
  for (std::size_t f = 0; f < layer.fields.size(); ++f) {
    Column c{layer.fields[f].name, layer.fields[f].name};
    c.field = f;
    set_type(c, layer.fields[f].type, format);
    columns.push_back(c);
  }
  // GDAL's KML writer knows 32-bit integers only: wider ones go as text rather than be cut.
  if (format.key == "kml")
    for (Column& c : columns)
      if (c.type == OFTInteger64) c.type = fits_int32(layer, c, ids) ? OFTInteger : OFTString;
  if (is_shapefile(format)) {
    std::vector<std::string> names;
    for (const Column& c : columns) names.push_back(c.source_name);
    const std::vector<std::string> short_names = dbf_field_names(names);
    for (std::size_t i = 0; i < columns.size(); ++i) {
      columns[i].name = short_names[i];
      if (columns[i].type == OFTString) columns[i].width = text_width(layer, columns[i], ids);
    }
  }
  return columns;
}

void set_values(OGRFeature& feature, const std::vector<Column>& columns, const store::Layer& layer, std::uint32_t i,
                const Format& format) {
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const int index = columns[c].index;
    if (!columns[c].field) {
      std::int64_t number = 0;
      const std::string id = layer.feature_id(i);
      if (columns[c].type != OFTString && std::from_chars(id.data(), id.data() + id.size(), number).ec == std::errc()) {
        feature.SetField(index, static_cast<GIntBig>(number));
      } else {
        feature.SetField(index, id.c_str());
      }
      continue;
    }
    const store::ValueRef v = layer.value(i, *columns[c].field);
    if (std::holds_alternative<std::monostate>(v)) {
      feature.SetFieldNull(index);
    } else if (const bool* b = std::get_if<bool>(&v)) {
      feature.SetField(index, *b ? 1 : 0);
    } else if (const std::int64_t* n = std::get_if<std::int64_t>(&v)) {
      feature.SetField(index, static_cast<GIntBig>(*n));
    } else if (const double* d = std::get_if<double>(&v)) {
      feature.SetField(index, *d);
    } else {
      const std::string text(std::get<std::string_view>(v));
      if (format.key == "csv" && encode::is_formula_like(text)) {
        feature.SetField(index, ("'" + text).c_str());
      } else {
        feature.SetField(index, text.c_str());  // dates and date-times as ISO 8601, which OGR parses
      }
    }
  }
}

std::string field_mapping_csv(const std::vector<Column>& columns) {
  std::string out(encode::kUtf8Bom);
  encode::append_csv_row(out, {"field", "shapefile_field"});
  for (const Column& c : columns) encode::append_csv_row(out, {c.source_name, c.name});
  return out;
}

}  // namespace onemap::exports
