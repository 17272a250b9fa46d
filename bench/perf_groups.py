#!/usr/bin/python3
"""Where a tile server's time goes, from perf: bench/perf_groups.py SELF_REPORT [CHILDREN_REPORT]
SELF_REPORT: `perf report --no-children --sort dso,symbol -g none --stdio` (self time per
function): summed by stage (the first rule below matching "dso symbol" names it), and the top
functions. CHILDREN_REPORT: `perf report --children --sort symbol -g none --stdio` of a profile
with call graphs (--call-graph dwarf): the inclusive share of each step of a tile request."""
import re
import sys

RULES = [
    ("gzip (zlib deflate of the response)", r"^libz\."),
    ("index query (STRtree over the layer)", r"SpatialIndex|collect_item|TemplateSTRtree\w*<void|GEOSSTRtree"),
    ("candidate sort (source order)", r"(introsort_loop|insertion_sort|__adjust_heap)<[^>]*unsigned int"),
    ("polygon validity (GEOS IsValid, repair)",
     r"^libgeos|ensure_valid_polygons|make_valid_on_grid|ring_to_geos|append_geos_ring|append_rings|to_geos|geos_owned|"
     r"release_for_geos|GeosContext"),
    ("clipping", r"clip_line|clip_pass|clip_ring|clip_segment|envelope_of|lerp"),
    ("simplification", r"simplify_path|squared_segment_distance"),
    ("rings (spikes, degenerate, winding)",
     r"finish_ring|is_spike|remove_spikes|segment_meets_pixel|twice_signed_area"),
    ("to the tile grid (scale, snap)", r"TileGeometryBuilder|\bsnap\b"),
    ("MVT encoding (protozero, tag tables)", r"MvtEncoder|protozero|mvt_id|from_chars|_Hash_bytes"),
    ("render loop (thinning test, feature walk)", r"render_tile"),
    ("ETag (FNV-1a over the tile)", r"strong_etag|fnv1a"),
    ("allocation (malloc, free)", r"malloc|free|operator new|operator delete|tcache|realloc|memalign|sysmalloc"),
    ("memory copies", r"memmove|memcpy|memset"),
    ("kernel (network, scheduling, page faults)", r"\[kernel"),
    ("HTTP (Beast, Asio, routing)", r"boost::|beast|asio|onemap::http|onemap::api"),
]

# Steps of a cold tile request, inclusive of what they call; where several functions match, the
# largest share (they may nest, e.g. a lambda inside its function).
STEPS = [
    ("tile request (Api::serve)", r"onemap::api::Api::serve$"),
    ("· render_tile", r"onemap::tiles::render_tile"),
    ("· · index query (SpatialIndex::query)", r"SpatialIndex::query"),
    ("· · candidate sort (std::sort)", r"^std::sort<.*unsigned int"),
    ("· · geometry to the tile (TileGeometryBuilder::build)", r"TileGeometryBuilder::build$"),
    ("· · · polygon validity (ensure_valid_polygons)", r"ensure_valid_polygons$"),
    ("· · · · GEOS IsValid (GEOSisValid_r)", r"^GEOSisValid_r$"),
    ("· · · · repair (make_valid_on_grid)", r"make_valid_on_grid$"),
    ("· · · clip, simplify, rings (build_polygons)", r"TileGeometryBuilder::build_polygons$"),
    ("· · · · clipping (clip_ring)", r"clip_ring$"),
    ("· · · · simplification (simplify_path)", r"simplify_path$"),
    ("· · · · rings (finish_ring)", r"finish_ring$"),
    ("· · MVT encoding (MvtEncoder::add_feature)", r"MvtEncoder::add_feature$"),
    ("· ETag (strong_etag)", r"strong_etag$"),
    ("gzip of the response (gzip_stream)", r"gzip_stream|gzip_compress"),
]
CHILDREN_LINE = re.compile(r"^\s*([0-9.]+)%\s+([0-9.]+)%\s+\[[.k]\]\s+(.*?)\s*(?:-\s+-\s*)?$")

LINE = re.compile(r"^\s*([0-9.]+)%\s+(\S+)\s+\[[.k]\]\s+(.*?)\s*(?:-\s+-\s*)?$")


def main():
    top = 15
    rows = []
    for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
        m = LINE.match(line)
        if m:
            rows.append((float(m.group(1)), m.group(2), m.group(3)))
    stages = {}
    named = []
    for pct, dso, sym in rows:
        key = f"{dso} {sym}" if not dso.startswith("[kernel") else f"[kernel {sym}"
        stage = next((name for name, rx in RULES if re.search(rx, key)), "other")
        stages[stage] = stages.get(stage, 0.0) + pct
        named.append((pct, stage, dso, sym))
    total = sum(stages.values())
    print("| stage | share of samples |")
    print("|---|---|")
    for name, pct in sorted(stages.items(), key=lambda kv: -kv[1]):
        print(f"| {name} | {pct:.1f}% |")
    print(f"\n(total {total:.1f}%)\n")
    print("| function | library | self | stage |")
    print("|---|---|---|---|")
    merged = {}
    for pct, stage, dso, sym in named:
        if dso.startswith("libz."):
            sym = "(deflate)"  # Debian's zlib has no symbols: one row for all its addresses
        sym = re.sub(r"<.*>", "<…>", sym)
        k = (sym, dso, stage)
        merged[k] = merged.get(k, 0.0) + pct
    for (sym, dso, stage), pct in sorted(merged.items(), key=lambda kv: -kv[1])[:top]:
        print(f"| `{sym}` | {dso} | {pct:.1f}% | {stage} |")


def steps(report):
    share = {}
    for line in open(report, encoding="utf-8", errors="replace"):
        m = CHILDREN_LINE.match(line)
        if not m:
            continue
        sym = re.sub(r" \(inlined\)$", "", m.group(3))
        for name, rx in STEPS:
            if re.search(rx, sym):
                share[name] = max(share.get(name, 0.0), float(m.group(1)))
    print("\n| step of a cold tile request | inclusive share of samples |")
    print("|---|---|")
    for name, _ in STEPS:
        print(f"| {name} | {share.get(name, 0.0):.1f}% |")


if __name__ == "__main__":
    main()
    if len(sys.argv) > 2:
        steps(sys.argv[2])
