#include "server_process.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <stdexcept>
#include <thread>

namespace onemap::testing {

ServerProcess::ServerProcess(const std::vector<std::string>& args) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ == 0) {
    dup2(out[1], STDOUT_FILENO);
    dup2(out[1], STDERR_FILENO);
    close(out[0]);
    std::vector<std::string> argv_strings = {ONEMAP_BINARY, "serve", "--port", "0"};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : argv_strings) argv.push_back(s.data());
    argv.push_back(nullptr);
    execv(ONEMAP_BINARY, argv.data());
    _exit(127);
  }
  close(out[1]);
  // Read until the listening line; the server logs to stdout too, so scan line by line.
  std::string seen;
  const std::string marker = "OneMap listening on http://";
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd pfd{out[0], POLLIN, 0};
    if (poll(&pfd, 1, 200) <= 0) continue;
    char buf[4096];
    ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    seen.append(buf, static_cast<std::size_t>(n));
    auto at = seen.find(marker);
    if (at != std::string::npos && seen.find('\n', at) != std::string::npos) {
      std::string rest = seen.substr(at + marker.size());
      port_ = static_cast<unsigned short>(std::stoi(rest.substr(rest.find(':') + 1)));
      // Keep draining the pipe in the background so the server never blocks on logging.
      int fd = out[0];
      std::thread([fd] {
        char sink[4096];
        while (read(fd, sink, sizeof sink) > 0) {
        }
        close(fd);
      }).detach();
      return;
    }
  }
  close(out[0]);
  stop();
  throw std::runtime_error("onemap did not start:\n" + seen);
}

ServerProcess::~ServerProcess() { stop(); }

int ServerProcess::stop() {
  if (pid_ <= 0) return -1;
  kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, &status, 0);
  pid_ = -1;
  return -1;
}

CommandResult run_command(const std::string& command) {
  CommandResult result{-1, ""};
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return result;
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, pipe)) result.output.append(buf, n);
  int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

}  // namespace onemap::testing
