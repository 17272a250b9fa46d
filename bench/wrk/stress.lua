-- Requests the lines of the file named by WRK_REQUESTS ("GET /path" or "POST /path {json}"),
-- round-robin from a random start per thread, and counts the answers by kind: 2xx/3xx, 503 (a
-- full job queue or too many connections: the server's answer by design, counted apart) and
-- anything else. Headers given to wrk with -H go with every request. At the end it prints
-- latency percentiles, the counts, and the other statuses met.
local requests = {}
local counter = 0
local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function init(args)
  for line in io.lines(os.getenv("WRK_REQUESTS")) do
    local method, path, body = line:match("^(%u+) (%S+) ?(.*)$")
    if method == "POST" then
      requests[#requests + 1] = wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
    elseif method then
      requests[#requests + 1] = wrk.format("GET", path)
    end
  end
  counter = math.random(#requests)
  ok, busy, other = 0, 0, 0
  other_statuses = ""
end

function request()
  counter = counter % #requests + 1
  return requests[counter]
end

function response(status, headers, body)
  if status < 400 then
    ok = ok + 1
  elseif status == 503 then
    busy = busy + 1
  else
    other = other + 1
    if #other_statuses < 200 then other_statuses = other_statuses .. " " .. status end
  end
end

function done(summary, latency, requests)
  local ok_n, busy_n, other_n, statuses = 0, 0, 0, ""
  for _, thread in ipairs(threads) do
    ok_n = ok_n + thread:get("ok")
    busy_n = busy_n + thread:get("busy")
    other_n = other_n + thread:get("other")
    statuses = statuses .. thread:get("other_statuses")
  end
  io.write(string.format("p50_ms %.2f\np99_ms %.2f\nok %d\nbusy_503 %d\nother_non2xx %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, ok_n, busy_n, other_n))
  io.write(string.format("socket_errors %d\nconnect_errors %d\nread_errors %d\nwrite_errors %d\ntimeouts %d\n",
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write("other_statuses" .. (statuses == "" and " -" or statuses) .. "\n")
end
