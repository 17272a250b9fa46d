#include "download_reader.h"

#include <fstream>
#include <stdexcept>

namespace onemap::testing {
namespace {

std::uint16_t u16(const std::string& b, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(b.at(at)) |
                                    (static_cast<unsigned char>(b.at(at + 1)) << 8));
}
std::uint32_t u32(const std::string& b, std::size_t at) {
  return u16(b, at) | (static_cast<std::uint32_t>(u16(b, at + 2)) << 16);
}

int hex(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  throw std::runtime_error("bad percent-encoding");
}

}  // namespace

Downloaded read_download(const std::string& bytes, const std::filesystem::path& dir, const std::string& file_name,
                         int layer_count) {
  const std::filesystem::path file = dir / file_name;
  std::ofstream(file, std::ios::binary) << bytes;
  const bool zip = file_name.ends_with(".zip");
  Downloaded out;
  out.dataset = geo::open_vector_source(zip ? "/vsizip/" + file.string() : file.string());
  out.driver = out.dataset->GetDriver()->GetDescription();
  if (out.dataset->GetLayerCount() != layer_count)
    throw std::runtime_error(file_name + " has " + std::to_string(out.dataset->GetLayerCount()) + " layers, not " +
                             std::to_string(layer_count));
  for (int n = 0; n < layer_count; ++n) out.layers.push_back(out.dataset->GetLayer(n));
  out.layer = out.layers.front();
  if (const OGRSpatialReference* srs = out.layer->GetSpatialRef()) {
    const char* authority = srs->GetAuthorityName(nullptr);
    const char* code = srs->GetAuthorityCode(nullptr);
    // OGC:CRS84 (GeoJSON's and KML's own) is EPSG:4326 with longitude first.
    if (authority && std::string_view(authority) == "EPSG" && code) out.epsg = std::stoi(code);
    if (authority && std::string_view(authority) == "OGC" && code && std::string_view(code) == "CRS84") out.epsg = 4326;
    const std::vector<int> mapping = srs->GetDataAxisToSRSAxisMapping();
    // Geographic CRSs have north first in EPSG's order: data x = east means mapping [2, 1].
    out.x_is_east = !(srs->IsGeographic() && srs->EPSGTreatsAsLatLong()) || (mapping.size() >= 2 && mapping[0] == 2);
  }
  for (OGRLayer* layer : out.layers) {
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int id_field = defn->GetFieldIndex("id");
    for (const auto& f : *layer) {
      DownloadedRow row;
      for (int i = 0; i < defn->GetFieldCount(); ++i)
        row.fields[defn->GetFieldDefn(i)->GetNameRef()] =
            f->IsFieldSetAndNotNull(i) ? f->GetFieldAsString(i) : "<null>";
      if (f->GetGeometryRef()) row.geometry.reset(f->GetGeometryRef()->clone());
      row.layer = layer->GetName();
      const std::string id = id_field >= 0 ? f->GetFieldAsString(id_field) : std::to_string(f->GetFID());
      if (!out.rows.emplace(id, std::move(row)).second) throw std::runtime_error(file_name + ": id " + id + " twice");
    }
  }
  return out;
}

std::vector<ZipEntry> zip_entries(const std::string& bytes) {
  if (bytes.size() < 22) throw std::runtime_error("too short for a zip");
  std::size_t end = bytes.size() - 22;
  while (u32(bytes, end) != 0x06054b50) {
    if (end == 0) throw std::runtime_error("no end of central directory");
    --end;
  }
  const std::uint16_t count = u16(bytes, end + 10);
  std::size_t at = u32(bytes, end + 16);
  std::vector<ZipEntry> entries;
  for (std::uint16_t n = 0; n < count; ++n) {
    if (u32(bytes, at) != 0x02014b50) throw std::runtime_error("bad central directory entry");
    ZipEntry e;
    e.central_flags = u16(bytes, at + 8);
    const std::uint16_t name_size = u16(bytes, at + 28), extra = u16(bytes, at + 30), comment = u16(bytes, at + 32);
    const std::uint32_t local = u32(bytes, at + 42);
    e.name = bytes.substr(at + 46, name_size);
    if (u32(bytes, local) != 0x04034b50) throw std::runtime_error("bad local header");
    e.local_flags = u16(bytes, local + 6);
    entries.push_back(e);
    at += 46 + name_size + extra + comment;
  }
  return entries;
}

std::string disposition_filename(std::string_view header) {
  const std::string_view star = "filename*=UTF-8''";
  if (auto at = header.find(star); at != std::string_view::npos) {
    std::string_view value = header.substr(at + star.size());
    value = value.substr(0, value.find(';'));
    std::string out;
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i] == '%' && i + 2 < value.size() + 0) {
        out.push_back(static_cast<char>(hex(value[i + 1]) * 16 + hex(value[i + 2])));
        i += 2;
      } else {
        out.push_back(value[i]);
      }
    }
    return out;
  }
  const std::string_view plain = "filename=\"";
  if (auto at = header.find(plain); at != std::string_view::npos) {
    std::string_view value = header.substr(at + plain.size());
    return std::string(value.substr(0, value.find('"')));
  }
  return {};
}

}  // namespace onemap::testing
