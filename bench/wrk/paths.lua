-- Requests the paths listed (one per line) in the file named by WRK_PATHS, round-robin; each
-- wrk thread starts at its own offset so threads do not walk in lockstep.
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
