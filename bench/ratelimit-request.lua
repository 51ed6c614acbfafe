-- One request to the cheap endpoint; BENCH_HEADER names the API-key header of the policy under test,
-- with a key drawn from 1000 so requests spread over many buckets (no single hot key).
local header = os.getenv("BENCH_HEADER")
request = function()
  if header ~= nil and header ~= "" then
    wrk.headers[header] = tostring(math.random(1, 1000))
  end
  return wrk.format("GET", "/actuator/health/liveness")
end
