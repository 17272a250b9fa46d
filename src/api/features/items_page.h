#pragma once
// The GeoJSON body of an items page. A page is written whole while it is small (a text body,
// sent with its Content-Length); past about 64 KB the rest is streamed, made a piece of about
// 64 KB at a time as the connection takes it, so a slow reader of items?limit=10000 holds a piece
// of its page rather than the page (900 of them once held 1.07 GB).
#include "geo/crs.h"
#include "geo/geometry.h"
#include "http/body.h"
#include "store/snapshot.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace onemap::api {

struct ItemsPage {
  std::shared_ptr<const store::Snapshot> snapshot;  // holds the layer and the area while streaming
  const store::Layer* layer = nullptr;
  std::vector<std::uint32_t> features;         // indices into the layer, in page order
  geo::Crs crs;                                // written in this CRS, in its own axis order
  std::optional<geo::GeometryView> clip_area;  // CRS84: each feature cut to it (clip=true)
};

// `head`, the page's features separated by commas, then `tail`.
http::Payload items_page_body(ItemsPage page, std::string head, std::string tail);

// The geometry in `crs`, in that CRS's own axis order: `lonlat` itself for CRS84, else
// reprojected into `scratch`.
geo::GeometryView output_geometry(geo::GeometryView lonlat, const geo::Crs& crs, geo::Geometry& scratch);

}  // namespace onemap::api
