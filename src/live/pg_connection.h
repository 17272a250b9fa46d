#pragma once
// A libpq connection, owned once (RAII), and the libpq connection string a GDAL "PG:" source
// names. GDAL reads the data; this connection only LISTENs for edits (edit_listener.h).
#include <libpq-fe.h>

#include <memory>
#include <optional>
#include <string>

namespace onemap::live {

struct PgConnCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using PgConnPtr = std::unique_ptr<PGconn, PgConnCloser>;

struct PgResultClearer {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResultPtr = std::unique_ptr<PGresult, PgResultClearer>;

struct PgNotifyFreer {
  void operator()(PGnotify* n) const { PQfreemem(n); }
};
using PgNotifyPtr = std::unique_ptr<PGnotify, PgNotifyFreer>;

// The libpq conninfo of a GDAL source "PG:…" without GDAL's own keys (tables=, schemas=,
// active_schema=, list_all_tables=); nullopt for a source that is not PG:.
std::optional<std::string> conninfo_of(const std::string& source);

// The schema GDAL reads unqualified table names in: the source's active_schema=, else public.
std::string default_schema_of(const std::string& source);

// The table a source layer names, schema-qualified as a trigger reports it ("onemap.farmland";
// "farmland" → "public.farmland").
std::string qualified_table(const std::string& source, const std::string& source_layer);

}  // namespace onemap::live
