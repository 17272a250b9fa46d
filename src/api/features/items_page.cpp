#include "api/features/items_page.h"

#include "encode/geojson_writer.h"
#include "geo/reprojector.h"
#include "query/area_clip.h"

namespace onemap::api {
namespace {

// How much of a page is made at once: all of a page this small, else a piece of a stream.
constexpr std::size_t kPieceBytes = 64 * 1024;

class FeatureWriter {
 public:
  explicit FeatureWriter(ItemsPage page) : page_(std::move(page)) {}

  bool done() const { return next_ == page_.features.size(); }

  // Appends the next features until `out` has grown by `bytes` or the page is done. The
  // clipper's GEOS objects belong to the thread that makes them, and a stream's pieces are made
  // on whichever I/O thread runs the connection, so each call makes its own.
  void append(std::string& out, std::size_t bytes) {
    std::optional<query::AreaClipper> clipper;
    if (page_.clip_area) clipper.emplace(*page_.clip_area);
    const std::size_t until = out.size() + bytes;
    geo::Geometry scratch, clipped;
    while (!done() && out.size() < until) {
      if (next_ > 0) out.push_back(',');
      const std::uint32_t i = page_.features[next_++];
      std::optional<geo::GeometryView> g = page_.layer->lonlat_geometry(i);
      if (clipper) g = clipper->clip(*g, clipped);
      encode::append_geojson_feature(out, *page_.layer, i,
                                     output_geometry(g.value_or(geo::GeometryView{}), page_.crs, scratch));
    }
  }

 private:
  ItemsPage page_;
  std::size_t next_ = 0;
};

}  // namespace

geo::GeometryView output_geometry(geo::GeometryView lonlat, const geo::Crs& crs, geo::Geometry& scratch) {
  if (crs.is_crs84() || lonlat.empty()) return lonlat;
  scratch = geo::copy_geometry(lonlat);
  geo::Reprojector::for_this_thread(geo::kCrs84.gis_order(), crs.authority_order()).transform(scratch);
  return scratch.view();
}

http::Payload items_page_body(ItemsPage page, std::string head, std::string tail) {
  auto writer = std::make_shared<FeatureWriter>(std::move(page));
  std::string first = std::move(head);
  writer->append(first, kPieceBytes);
  if (writer->done()) return first + tail;
  // A large page: what is made so far is the first piece, the rest is made as it is sent.
  return http::Payload::stream([writer, first = std::move(first), tail = std::move(tail)](std::string& out) mutable {
    if (!first.empty()) {
      out += first;
      std::string().swap(first);  // free it: the piece is the writer's now
      return true;
    }
    writer->append(out, kPieceBytes);
    if (!writer->done()) return true;
    out += tail;
    return false;
  });
}

}  // namespace onemap::api
