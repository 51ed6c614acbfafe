-- Product reads with Zipf-distributed ids (s = 1.0) over 1..N: a few products get most reads.
local N = tonumber(os.getenv("BENCH_PRODUCTS") or "100000")
local cdf = {}
setup = function(thread) end
init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
  local sum = 0
  for i = 1, N do sum = sum + 1 / i end
  local acc = 0
  for i = 1, N do acc = acc + (1 / i) / sum; cdf[i] = acc end
end
local function zipf()
  local u, lo, hi = math.random(), 1, N
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < u then lo = mid + 1 else hi = mid end
  end
  return lo
end
request = function()
  return wrk.format("GET", "/api/products/" .. zipf())
end
