-- One fixed path, optionally with a session token: BENCH_PATH, BENCH_TOKEN (empty = anonymous).
local path = os.getenv("BENCH_PATH")
local token = os.getenv("BENCH_TOKEN") or ""
if token ~= "" then wrk.headers["X-Auth-Token"] = token end
request = function() return wrk.format("GET", path) end
