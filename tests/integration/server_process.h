#pragma once
// The real onemap binary, started on a free port for a test and stopped with SIGTERM.
#include <string>
#include <vector>

namespace onemap::testing {

class ServerProcess {
 public:
  // Runs `onemap serve --port 0 <args>` and waits for its "listening" line. Throws if the
  // process exits first (its stderr is in the message).
  explicit ServerProcess(const std::vector<std::string>& args);
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

  // Sends SIGTERM and returns the exit status (-1 if it had to be killed).
  int stop();

 private:
  int pid_ = -1;
  unsigned short port_ = 0;
};

struct CommandResult {
  int exit_code;
  std::string output;  // stdout and stderr together
};

// Runs a command with /bin/sh, capturing its output.
CommandResult run_command(const std::string& command);

}  // namespace onemap::testing
