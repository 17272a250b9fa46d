#include "live/edit_follower.h"

#include "live/pg_connection.h"

#include <spdlog/spdlog.h>

#include <algorithm>

namespace onemap::live {

std::vector<std::string> layers_edited(const std::vector<catalog::LayerConfig>& layers, const std::string& conninfo,
                                       const std::set<std::string>& tables, bool everything) {
  std::vector<std::string> ids;
  for (const catalog::LayerConfig& layer : layers) {
    if (conninfo_of(layer.source) != conninfo) continue;
    const auto edited = [&](const std::string& table) { return tables.contains(qualified_table(layer.source, table)); };
    const bool touched = layer.edit_tables.empty()
                             ? edited(layer.source_layer)
                             : std::any_of(layer.edit_tables.begin(), layer.edit_tables.end(), edited);
    if (everything || touched) ids.push_back(layer.id);
  }
  return ids;
}

EditFollower::EditFollower(const catalog::Catalog& catalog) { follow(catalog); }

void EditFollower::attach(store::Reloader& reloader, store::SnapshotHolder& data) {
  {
    std::lock_guard lock(mutex_);
    reloader_ = &reloader;
    data_ = &data;
    for (auto& [conninfo, listener] : listeners_) listener->arm();
  }
  // Called under the reloader's lock, from whichever thread reloaded.
  reloader.on_reloaded([this](const store::Snapshot& snapshot) { follow(snapshot.catalog); });
}

std::size_t EditFollower::databases() const {
  std::lock_guard lock(mutex_);
  return listeners_.size();
}

void EditFollower::follow(const catalog::Catalog& catalog) {
  std::set<std::string> wanted;
  if (catalog.server.follow_edits)
    for (const catalog::LayerConfig& layer : catalog.layers)
      if (auto conninfo = conninfo_of(layer.source)) wanted.insert(*conninfo);
  std::lock_guard lock(mutex_);
  for (auto it = listeners_.begin(); it != listeners_.end();) {
    if (wanted.contains(it->first)) {
      ++it;
    } else {
      retired_.push_back(std::move(it->second));
      it = listeners_.erase(it);
    }
  }
  for (const std::string& conninfo : wanted) {
    if (listeners_.contains(conninfo)) continue;
    EditListenerOptions options;
    options.conninfo = conninfo;
    options.quiet = std::chrono::milliseconds(catalog.server.edit_quiet_ms);
    options.max_delay = std::max(options.quiet * 5, std::chrono::milliseconds(1000));
    auto listener =
        std::make_unique<EditListener>(options, [this, conninfo](const std::set<std::string>& tables, bool everything) {
          return on_edits(conninfo, tables, everything);
        });
    if (reloader_) listener->arm();
    listeners_.emplace(conninfo, std::move(listener));
  }
}

bool EditFollower::on_edits(const std::string& conninfo, const std::set<std::string>& tables, bool everything) {
  store::Reloader* reloader;
  std::shared_ptr<const store::Snapshot> current;
  {
    std::lock_guard lock(mutex_);
    reloader = reloader_;
    current = data_ ? data_->get() : nullptr;
  }
  if (!reloader || !current) return false;
  std::vector<std::string> ids = layers_edited(current->catalog.layers, conninfo, tables, everything);
  std::string names;
  for (const std::string& t : tables) names += (names.empty() ? "" : ", ") + t;
  if (ids.empty()) {
    spdlog::debug("edits to {}: no layer reads them", names);
    return true;
  }
  spdlog::info("{}: reloading {} layer(s)",
               everything ? "reconnected, edits may have been missed" : "edits to " + names, ids.size());
  const store::Reloader::Outcome outcome = reloader->reload_layers(ids);
  return outcome.reloaded || outcome.unchanged;
}

}  // namespace onemap::live
