#pragma once
// Keeps a replica's PostGIS layers as the database has them: one EditListener per database the
// catalog reads, and each committed edit reloads only the layers reading the tables it touched
// (store::Reloader::reload_layers), with their versions, so the tiles and caches of every other
// layer stay warm. After a reconnect (a database restart) every layer of that database is read
// again once; the unchanged ones are kept as they were.
#include "catalog/catalog.h"
#include "live/edit_listener.h"
#include "store/reloader.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace onemap::live {

class EditFollower {
 public:
  // Starts listening to every database the catalog's layers read, before their data is loaded,
  // so that nothing committed meanwhile goes unheard. Does nothing when server.follow_edits is off.
  explicit EditFollower(const catalog::Catalog& catalog);
  // Reports edits from now on, reloading through `reloader` the layers of `data` they touched.
  // A whole reload (another catalog) changes the databases followed.
  void attach(store::Reloader& reloader, store::SnapshotHolder& data);

  std::size_t databases() const;

 private:
  void follow(const catalog::Catalog& catalog);
  // Whether they were taken in: reloaded, or nothing of this replica reads them.
  bool on_edits(const std::string& conninfo, const std::set<std::string>& tables, bool everything);

  mutable std::mutex mutex_;
  store::Reloader* reloader_ = nullptr;
  store::SnapshotHolder* data_ = nullptr;
  std::map<std::string, std::unique_ptr<EditListener>> listeners_;  // by conninfo
  // Listeners of databases a reload no longer reads: stopped when the follower ends, since one
  // may be inside a reload that waits for the one retiring it.
  std::vector<std::unique_ptr<EditListener>> retired_;
};

// The layer ids of `layers` reading a table of `tables` (their source_layer, or the tables their
// edit_tables name) in the database of `conninfo` (every one of that database when `everything`).
std::vector<std::string> layers_edited(const std::vector<catalog::LayerConfig>& layers, const std::string& conninfo,
                                       const std::set<std::string>& tables, bool everything);

}  // namespace onemap::live
