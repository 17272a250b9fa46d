-- Requests the paths listed (one per line) in the file named by WRK_PATHS, round-robin; each
-- wrk thread starts at its own offset so threads do not walk in lockstep. Headers given to wrk
-- with -H (Accept-Encoding: gzip) go with every request. At the end it prints the latency
-- percentiles and the count of answers that were not 2xx or 3xx.
local paths = {}
local counter = 0

function init(args)
  for line in io.lines(os.getenv("WRK_PATHS")) do
    paths[#paths + 1] = line
  end
  counter = math.random(#paths)
end

function request()
  counter = counter % #paths + 1
  return wrk.format("GET", paths[counter])
end

function done(summary, latency, requests)
  io.write(string.format("p50_ms %.2f\np99_ms %.2f\nnon2xx %d\nsocket_errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
