#include "mvt_decode.h"

#include "fixtures.h"
#include "geo/gdal_handles.h"

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include <fstream>
#include <stdexcept>

namespace onemap::testing {
namespace {

// Without georeferencing GDAL reports y up (y = extent − tile y); this turns it back into the
// tile's own y-down coordinates, so tests read the numbers the tile holds.
class FlipY : public OGRCoordinateTransformation {
 public:
  explicit FlipY(double extent) : extent_(extent) {}
  OGRSpatialReference* GetSourceCS() override { return nullptr; }
  OGRSpatialReference* GetTargetCS() override { return nullptr; }
  int Transform(int count, double* /*x*/, double* y, double* /*z*/, double* /*t*/, int* success) override {
    for (int i = 0; i < count; ++i) {
      y[i] = extent_ - y[i];
      if (success) success[i] = TRUE;
    }
    return TRUE;
  }
  OGRCoordinateTransformation* Clone() const override { return new FlipY(extent_); }
  OGRCoordinateTransformation* GetInverse() const override { return new FlipY(extent_); }

 private:
  double extent_;
};

}  // namespace

DecodedTile decode_mvt(const std::string& bytes) {
  geo::register_gdal_drivers();
  TempDir dir;
  // A file name without z/x/y, so GDAL reports tile coordinates rather than EPSG:3857.
  const std::filesystem::path file = dir / "tile.mvt";
  std::ofstream(file, std::ios::binary) << bytes;
  const char* drivers[] = {"MVT", nullptr};
  // CLIP=NO keeps the buffer; no metadata.json, so GDAL derives the schema from the tile.
  const char* options[] = {"CLIP=NO", "METADATA_FILE=", nullptr};
  geo::GdalDatasetPtr ds(GDALDataset::Open(file.c_str(), GDAL_OF_VECTOR, drivers, options, nullptr));
  if (!ds) throw std::runtime_error("GDAL's MVT driver cannot open the tile: " + std::string(CPLGetLastErrorMsg()));
  DecodedTile tile;
  for (OGRLayer* layer : ds->GetLayers()) {
    auto& features = tile[layer->GetName()];
    for (const auto& f : *layer) {
      DecodedFeature d;
      for (int i = 0; i < f->GetFieldCount(); ++i) {
        if (!f->IsFieldSetAndNotNull(i)) continue;
        const OGRFieldDefn* defn = f->GetFieldDefnRef(i);
        std::string name = defn->GetNameRef();
        if (name == "mvt_id") {
          d.id = f->GetFieldAsInteger64(i);
          continue;
        }
        std::string type = OGRFieldDefn::GetFieldTypeName(defn->GetType());
        if (defn->GetSubType() == OFSTBoolean) type += "(Boolean)";
        d.field_types[name] = type;
        switch (defn->GetType()) {
          case OFTInteger:
          case OFTInteger64:
            d.fields[name] = static_cast<std::int64_t>(f->GetFieldAsInteger64(i));
            break;
          case OFTReal:
            d.fields[name] = f->GetFieldAsDouble(i);
            break;
          default:
            d.fields[name] = std::string(f->GetFieldAsString(i));
            break;
        }
      }
      if (OGRGeometry* g = f->GetGeometryRef()) {
        FlipY flip(4096);  // every OneMap tile has the standard extent
        g->transform(&flip);
        char* wkt = nullptr;
        g->exportToWkt(&wkt, wkbVariantIso);
        d.wkt = wkt ? wkt : "";
        CPLFree(wkt);
      }
      features.push_back(std::move(d));
    }
  }
  return tile;
}

}  // namespace onemap::testing
