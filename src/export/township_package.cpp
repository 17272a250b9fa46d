#include "export/township_package.h"

#include "export/formats.h"
#include "export/geometry_parts.h"
#include "export/mbtiles_writer.h"
#include "export/ogr_export.h"
#include "export/zip_writer.h"
#include "geo/gdal_handles.h"
#include "http/gzip.h"
#include "query/area_clip.h"
#include "query/items_query.h"
#include "tiles/tile_id.h"
#include "tiles/tile_renderer.h"
#include "tiles/tilejson.h"
#include "util/job_control.h"

#include <cpl_error.h>
#include <cpl_string.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <tuple>

namespace onemap::exports {
namespace fs = std::filesystem;
namespace {

using nlohmann::json;

// The tiles of zoom z covering the box: [x0, x1] × [y0, y1].
struct TileRange {
  std::uint32_t x0, x1, y0, y1;
  std::size_t count() const { return std::size_t{x1 - x0 + 1} * (y1 - y0 + 1); }
};
TileRange tile_range(const geo::Envelope& box, int z) {
  const tiles::TileId nw = tiles::tile_at(box.min_x, box.max_y, z);
  const tiles::TileId se = tiles::tile_at(box.max_x, box.min_y, z);
  return {nw.x, se.x, nw.y, se.y};
}

std::string now_iso() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The layers, each cut to the township, as tables of one GeoPackage.
std::size_t write_layers(const PackageSpec& spec, const fs::path& work_dir, const fs::path& gpkg) {
  const query::AreaClipper clipper(*spec.area);
  std::size_t features = 0;
  for (std::size_t n = 0; n < spec.layers.size(); ++n) {
    const store::Layer& layer = *spec.layers[n].layer;
    query::ItemsQuery q;
    q.area = spec.area;
    q.clip_to_area = true;
    const std::vector<std::uint32_t> ids = query::matching_features(layer, q);
    ExportSpec e;
    e.format = format_by_key("gpkg");
    e.clip = &clipper;
    e.name = "data";
    e.add_to_result = true;
    const fs::path scratch = work_dir / ("layer-" + std::to_string(n));
    fs::create_directory(scratch);
    features += write_export(layer, ids, e, scratch, gpkg);
  }
  return features;
}

// The kinds a layer is shown as in QGIS: those it holds (its own kind when it holds none).
std::vector<store::GeometryKind> shown_kinds(const store::Layer& layer) {
  return layer.kinds.empty() ? std::vector<store::GeometryKind>{layer.kind} : layer.kinds;
}

// layer_styles holds one default style a table: a table of several kinds gets its own kind's.
QmlRenderer default_renderer(const PackageLayer& p) {
  const std::vector<store::GeometryKind> kinds = shown_kinds(*p.layer);
  const bool own = std::find(kinds.begin(), kinds.end(), p.layer->kind) != kinds.end();
  return qml_renderer(p.style_layers, p.layer->config, own ? p.layer->kind : kinds.front());
}

[[noreturn]] void fail(const std::string& what) {
  const std::string reason = CPLGetLastErrorMsg();
  throw ExportError("export: " + what + (reason.empty() ? "" : ": " + reason));
}

// QGIS's `layer_styles` table: one default style per layer. GDAL registers a table without
// geometry in gpkg_contents as 'attributes'.
void write_layer_styles(const PackageSpec& spec, const fs::path& gpkg) {
  CPLErrorReset();
  geo::GdalDatasetPtr dataset(GDALDataset::Open(gpkg.c_str(), GDAL_OF_VECTOR | GDAL_OF_UPDATE));
  if (!dataset) fail("cannot reopen data.gpkg");
  CPLStringList options;
  options.SetNameValue("FID", "id");
  OGRLayer* styles = dataset->CreateLayer("layer_styles", nullptr, wkbNone, options.List());
  if (!styles) fail("cannot create layer_styles");
  const std::vector<std::pair<const char*, OGRFieldType>> fields = {{"f_table_catalog", OFTString},
                                                                    {"f_table_schema", OFTString},
                                                                    {"f_table_name", OFTString},
                                                                    {"f_geometry_column", OFTString},
                                                                    {"styleName", OFTString},
                                                                    {"styleQML", OFTString},
                                                                    {"styleSLD", OFTString},
                                                                    {"useAsDefault", OFTInteger},
                                                                    {"description", OFTString},
                                                                    {"owner", OFTString},
                                                                    {"ui", OFTString},
                                                                    {"update_time", OFTDateTime}};
  for (const auto& [name, type] : fields) {
    OGRFieldDefn defn(name, type);
    if (type == OFTInteger) defn.SetSubType(OFSTBoolean);
    if (styles->CreateField(&defn) != OGRERR_NONE) fail(std::string("cannot create layer_styles.") + name);
  }
  const std::string when = now_iso();
  dataset->StartTransaction();
  for (const PackageLayer& p : spec.layers) {
    const std::string& id = p.layer->config.id;
    OGRLayer* table = dataset->GetLayerByName(id.c_str());
    if (!table) fail("no table " + id + " in data.gpkg");
    OGRFeatureUniquePtr f(OGRFeature::CreateFeature(styles->GetLayerDefn()));
    f->SetField("f_table_catalog", "");
    f->SetField("f_table_schema", "");
    f->SetField("f_table_name", id.c_str());
    f->SetField("f_geometry_column", table->GetGeometryColumn());
    f->SetField("styleName", p.layer->config.title.c_str());
    f->SetField("styleQML", qml_document(default_renderer(p)).c_str());
    f->SetField("styleSLD", "");
    f->SetField("useAsDefault", 1);
    f->SetField("description", ("OneMap: " + p.layer->config.title).c_str());
    f->SetField("owner", "");
    f->SetField("ui", "");
    f->SetField("update_time", when.c_str());
    if (styles->CreateFeature(f.get()) != OGRERR_NONE) fail("cannot write the style of " + id);
  }
  if (dataset->CommitTransaction() != OGRERR_NONE) fail("cannot commit layer_styles");
  dataset.reset();
  if (CPLGetLastErrorType() == CE_Failure) fail("cannot finish data.gpkg");
}

// The township's tiles, all layers together, skipping empty ones; the top zoom lowered until the
// count fits max_tiles.
std::pair<std::size_t, int> write_basemap(const PackageSpec& spec, const fs::path& path) {
  const geo::Envelope box = spec.area->envelope();
  int max_zoom = spec.max_zoom;
  while (max_zoom > spec.min_zoom && tiles_covering(box, spec.min_zoom, max_zoom) > spec.max_tiles) --max_zoom;
  std::vector<const store::Layer*> layers;
  for (const PackageLayer& p : spec.layers) layers.push_back(p.layer);

  MbtilesWriter out(path);
  util::begin_stage("basemap", tiles_covering(box, spec.min_zoom, max_zoom), "tiles");
  util::JobControl* job = util::current_job();
  std::size_t written = 0;
  for (int z = spec.min_zoom; z <= max_zoom; ++z) {
    const TileRange r = tile_range(box, z);
    for (std::uint32_t x = r.x0; x <= r.x1; ++x)
      for (std::uint32_t y = r.y0; y <= r.y1; ++y) {
        util::checkpoint();
        const std::string tile = tiles::render_tile(layers, {z, x, y}, {});
        if (job) job->advance();
        if (tile.empty()) continue;
        out.add_tile(z, x, y, http::gzip_compress(tile));
        ++written;
      }
  }
  const json tilejson = tiles::tilejson(layers, "", "");
  auto fixed = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return std::string(buf);
  };
  out.add_metadata("name", spec.township);
  out.add_metadata("format", "pbf");
  out.add_metadata("type", "overlay");
  out.add_metadata("version", "1.3");
  out.add_metadata("bounds",
                   fixed(box.min_x) + "," + fixed(box.min_y) + "," + fixed(box.max_x) + "," + fixed(box.max_y));
  out.add_metadata("center", fixed((box.min_x + box.max_x) / 2) + "," + fixed((box.min_y + box.max_y) / 2) + "," +
                                 std::to_string(std::min(spec.min_zoom + 2, max_zoom)));
  out.add_metadata("minzoom", std::to_string(spec.min_zoom));
  out.add_metadata("maxzoom", std::to_string(max_zoom));
  std::string description = spec.township + ": OneMap vector tiles";
  if (max_zoom < spec.max_zoom)
    description += "; top zoom lowered from " + std::to_string(spec.max_zoom) + " to " + std::to_string(max_zoom) +
                   " to stay within " + std::to_string(spec.max_tiles) + " tiles";
  out.add_metadata("description", description);
  out.add_metadata("attribution", tilejson.value("attribution", ""));
  out.add_metadata("json", json{{"vector_layers", tilejson["vector_layers"]}}.dump());
  out.finish();
  return {written, max_zoom};
}

// QGIS's name for a sublayer's geometry type (ogrWkbGeometryTypeFromName): multi types go with
// their single type's sublayer.
const char* qgis_geometry_type(store::GeometryKind kind) {
  return kind == store::GeometryKind::Point ? "Point" : kind == store::GeometryKind::Line ? "LineString" : "Polygon";
}
const char* kind_title(store::GeometryKind kind) {
  return kind == store::GeometryKind::Point ? "点" : kind == store::GeometryKind::Line ? "线" : "面";
}

// The QGIS project: layers from ./data.gpkg by relative path, each with its renderer embedded,
// listed top first (points, lines, polygons), then basemap.mbtiles as a vector tile layer, in
// Web Mercator like the base map. A table of several geometry kinds is a QGIS layer per kind
// (`|geometrytype=Point`: QGIS draws a layer of one kind only), titled by it: 尾矿库（点）.
std::string qgis_project(const PackageSpec& spec) {
  struct Shown {
    const PackageLayer* package;
    store::GeometryKind kind;
  };
  std::vector<Shown> order;
  for (const PackageLayer& p : spec.layers)
    for (store::GeometryKind kind : shown_kinds(*p.layer)) order.push_back({&p, kind});
  std::stable_sort(order.begin(), order.end(), [](const Shown& a, const Shown& b) {
    return store::geometry_dimension(a.kind) < store::geometry_dimension(b.kind);
  });
  // QGIS 3.22 reads a CRS from its PROJ string or internal id, not from authid alone.
  const std::string crs =
      "<spatialrefsys><proj4>+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m "
      "+nadgrids=@null +wktext +no_defs</proj4><srid>3857</srid><authid>EPSG:3857</authid>"
      "<description>WGS 84 / Pseudo-Mercator</description></spatialrefsys>";
  std::string tree, layers, order_list;
  for (const Shown& shown : order) {
    const store::Layer& layer = *shown.package->layer;
    const std::string& id = layer.config.id;
    const bool split = layer.mixed_kinds();
    const std::string layer_id = xml_escape(id + (split ? std::string("_") + kind_name(shown.kind) : "") + "_onemap");
    const std::string source = xml_escape(
        "./data.gpkg|layername=" + id + (split ? std::string("|geometrytype=") + qgis_geometry_type(shown.kind) : ""));
    const std::string title = xml_escape((layer.config.title.empty() ? id : layer.config.title) +
                                         (split ? std::string("（") + kind_title(shown.kind) + "）" : ""));
    const QmlRenderer renderer = qml_renderer(shown.package->style_layers, layer.config, shown.kind);
    tree += "<layer-tree-layer id=\"" + layer_id + "\" name=\"" + title + "\" source=\"" + source +
            "\" providerKey=\"ogr\" checked=\"Qt::Checked\" expanded=\"1\"><customproperties/></layer-tree-layer>\n";
    order_list += "<item>" + layer_id + "</item>";
    layers += "<maplayer type=\"vector\" autoRefreshEnabled=\"0\" refreshOnNotifyEnabled=\"0\">\n<id>" + layer_id +
              "</id>\n<datasource>" + source + "</datasource>\n<layername>" + title +
              "</layername>\n<provider encoding=\"UTF-8\">ogr</provider>\n" + renderer.xml + "\n</maplayer>\n";
  }
  // The base map beneath, off at first: its tiles hold the same data, drawn in QGIS's default look.
  const std::string basemap = "type=mbtiles&amp;url=./basemap.mbtiles";
  tree += "<layer-tree-layer id=\"basemap_onemap\" name=\"底图（矢量瓦片）\" source=\"" + basemap +
          "\" providerKey=\"\" checked=\"Qt::Unchecked\" expanded=\"0\"><customproperties/></layer-tree-layer>\n";
  order_list += "<item>basemap_onemap</item>";
  layers += "<maplayer type=\"vector-tile\">\n<id>basemap_onemap</id>\n<datasource>" + basemap +
            "</datasource>\n<layername>底图（矢量瓦片）</layername>\n</maplayer>\n";
  const std::string title = xml_escape(spec.township);
  return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis projectname=\"" + title +
         "\" version=\"3.22.0\">\n<title>" + title + "</title>\n<projectCrs>" + crs + "</projectCrs>\n" +
         "<layer-tree-group><customproperties/>\n" + tree + "<custom-order enabled=\"0\">" + order_list +
         "</custom-order></layer-tree-group>\n<projectlayers>\n" + layers + "</projectlayers>\n<layerorder>" +
         order_list +
         "</layerorder>\n<properties><SpatialRefSys><ProjectionsEnabled "
         "type=\"int\">1</ProjectionsEnabled></SpatialRefSys><Paths><Absolute type=\"bool\">false</Absolute></Paths>"
         "</properties>\n</qgis>\n";
}

}  // namespace

std::size_t tiles_covering(const geo::Envelope& box, int min_zoom, int max_zoom) {
  std::size_t n = 0;
  for (int z = min_zoom; z <= max_zoom; ++z) n += tile_range(box, z).count();
  return n;
}

PackageSummary write_township_package(const PackageSpec& spec, const fs::path& work_dir, const fs::path& result) {
  PackageSummary summary;
  const fs::path gpkg = work_dir / "data.gpkg";
  summary.features = write_layers(spec, work_dir, gpkg);
  write_layer_styles(spec, gpkg);
  const fs::path mbtiles = work_dir / "basemap.mbtiles";
  std::tie(summary.tiles, summary.max_zoom) = write_basemap(spec, mbtiles);

  ZipWriter zip(result);
  zip.add_file("data.gpkg", gpkg);
  zip.add_file("basemap.mbtiles", mbtiles);
  zip.add_text("township.qgs", qgis_project(spec));
  zip.finish();
  return summary;
}

}  // namespace onemap::exports
