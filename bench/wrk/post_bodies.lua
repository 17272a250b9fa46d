-- POSTs the JSON bodies listed (one per line) in the file named by WRK_BODIES to the URL's path,
-- round-robin, and reports latency percentiles at the end.
local bodies = {}
local counter = 0

function init(args)
  for line in io.lines(os.getenv("WRK_BODIES")) do
    bodies[#bodies + 1] = line
  end
  counter = math.random(#bodies)
end

function request()
  counter = counter % #bodies + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[counter])
end

function done(summary, latency, requests)
  io.write(string.format("p50_ms %.2f\np99_ms %.2f\nerrors %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
