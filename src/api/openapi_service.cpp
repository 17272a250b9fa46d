// The OpenAPI operations of the service's own routes: landing page, conformance, this document,
// health, metrics, and access control's (who am I, URL tokens, reload).
#include "api/openapi_operations.h"

namespace onemap::api::doc {
namespace {

json format_json() { return query_parameter("f", "The answer's format.", {{"type", "string"}, {"enum", {"json"}}}); }

json object_of(json properties) { return {{"type", "object"}, {"properties", std::move(properties)}}; }

}  // namespace

json landing(const DocScope&) {
  return {{"description", "The service's links. A browser (Accept preferring text/html, or f=html) gets the web map."},
          {"parameters",
           {query_parameter("f", "json, or html for the web map.", {{"type", "string"}, {"enum", {"json", "html"}}})}},
          {"responses", {{"200", body("Landing page", ref("schemas/landingPage"))}, {"400", problem()}}}};
}

json conformance(const DocScope&) {
  return {{"parameters", {format_json()}},
          {"responses", {{"200", body("Conformance classes", ref("schemas/confClasses"))}, {"400", problem()}}}};
}

json api(const DocScope&) {
  return {
      {"description", "Lists the routes this caller may use, each collection it sees by name."},
      {"parameters", {format_json()}},
      {"responses",
       {{"200", body("The OpenAPI document.", {{"type", "object"}}, {"application/vnd.oai.openapi+json;version=3.0"})},
        {"400", problem()}}}};
}

json health(const DocScope&) {
  json count = {{"type", "integer"}, {"minimum", 0}};
  json nullable_object = {{"type", "object"}, {"nullable", true}};
  return {{"description",
           "Answers 200 while the server serves. The fingerprint and counts cover the caller's visible layers; "
           "data_version is null when some layer is hidden from the caller."},
          {"responses",
           {{"200", body("The server's state.", object_of({{"status", {{"type", "string"}, {"enum", {"ok"}}}},
                                                           {"data_version", {{"type", "integer"}, {"nullable", true}}},
                                                           {"data_fingerprint", {{"type", "string"}}},
                                                           {"layers", count},
                                                           {"features", count},
                                                           {"workers", nullable_object},
                                                           {"exports", nullable_object}}))},
            {"400", problem()}}}};
}

json metrics(const DocScope&) {
  return {{"description",
           "Requests per named route, caches, the worker pool and the data, in Prometheus text format 0.0.4. "
           "For the addresses in server.metrics_allow; from elsewhere, the admin role."},
          {"responses",
           {{"200", body("The metrics.", {{"type", "string"}}, {"text/plain; version=0.0.4; charset=utf-8"})},
            {"400", problem()},
            {"401", problem()},
            {"403", problem()}}}};
}

json url_token(const DocScope&) {
  return {{"description",
           "For clients that cannot send headers (tile URLs, QField): the token, appended as token=, acts for the "
           "key until it expires or the key is revoked. A token cannot make another."},
          {"parameters",
           {query_parameter("expires_in", "Seconds the token lives (access.url_token_ttl_s by default).",
                            {{"type", "integer"}, {"minimum", 1}})}},
          {"responses",
           {{"200", body("The token.", object_of({{"token", {{"type", "string"}}},
                                                  {"role", {{"type", "string"}}},
                                                  {"key_id", {{"type", "string"}}},
                                                  {"expires", {{"type", "string"}, {"format", "date-time"}}},
                                                  {"expires_in", {{"type", "integer"}}},
                                                  {"usage", {{"type", "string"}}}}))},
            {"400", problem()},
            {"401", problem()}}}};
}

json whoami(const DocScope&) {
  json answer = body("The caller's role and key.",
                     object_of({{"role", {{"type", "string"}}},
                                {"key_id", {{"type", "string"}, {"nullable", true}}},
                                {"via", {{"type", "string"}, {"enum", {"anonymous", "key", "url_token"}}}}}));
  answer["headers"] = {{"X-OneMap-Role",
                        {{"description",
                          "The role, for a reverse proxy that keys its tile cache by it (nginx "
                          "auth_request)."},
                         {"schema", {{"type", "string"}}}}}};
  return {{"responses", {{"200", answer}, {"400", problem()}, {"401", problem()}}}};
}

json admin_reload(const DocScope&) {
  json outcome = object_of({{"reloaded", {{"type", "boolean"}}},
                            {"data_version", {{"type", "integer"}}},
                            {"data_fingerprint", {{"type", "string"}}},
                            {"seconds", {{"type", "number"}}},
                            {"reason", {{"type", "string"}}},
                            {"description", {{"type", "string"}}}});
  return {{"description",
           "Reads the catalog, rules, roles, keys and data again beside serving, then swaps them in; as SIGHUP."},
          {"responses",
           {{"200", body("The new data serves.", outcome)},
            {"409", body("The reload was refused (the reason); the previous data keeps serving.", outcome)},
            {"401", problem()},
            {"403", problem()},
            {"404", problem()}}}};
}

}  // namespace onemap::api::doc
