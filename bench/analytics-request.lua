-- wrk script: GET the path in BENCH_PATH, with X-Auth-Token when BENCH_TOKEN is set.
local path = os.getenv("BENCH_PATH")
local token = os.getenv("BENCH_TOKEN")
request = function()
  if token ~= nil and token ~= "" then
    return wrk.format("GET", path, { ["X-Auth-Token"] = token })
  end
  return wrk.format("GET", path)
end
