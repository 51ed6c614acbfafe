-- Listing pages that are never cached: every request has a query text of its own (a miss that goes to
-- PostgreSQL), the baseline for the listing cache's gain.
init = function(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000) end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "/api/products?category=" .. math.random(1, 20) .. "&q=" .. math.random(1, 1e9) .. n .. "&size=20")
end
