#pragma once
// Results of asynchronous jobs, one file per job (mode 0600) in a directory of this server
// process's own, onemap-jobs-{pid}-XXXXXX under server.jobs_dir (else the system temp dir). It
// goes at shutdown; should the server be killed, the next server started there removes it.
#include "http/body.h"
#include "jobs/job.h"

#include <filesystem>
#include <string>

namespace onemap::jobs {

class ResultStore {
 public:
  // The store's directory is made in `parent` (empty: the system temp dir) and removed with the
  // store. Throws std::runtime_error naming the directory when it cannot be made.
  explicit ResultStore(const std::filesystem::path& parent);
  ~ResultStore();
  ResultStore(const ResultStore&) = delete;
  ResultStore& operator=(const ResultStore&) = delete;

  // Writes the body (drained chunk by chunk when streamed; a checkpoint of the current job
  // between chunks) to the job's file, and returns where it lies, its size and strong ETag.
  // The content type and disposition are left for the caller.
  JobResult write(const std::string& job_id, http::Payload& body) const;
  // Removes a result file; a reader that opened it keeps reading it.
  static void remove(const JobResult& result);

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

}  // namespace onemap::jobs
