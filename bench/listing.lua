-- Category listing pages: 20 categories x first 5 pages, uniformly.
init = function(args) math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000) end
request = function()
  return wrk.format("GET", "/api/products?category=" .. math.random(1, 20) .. "&page=" .. math.random(0, 4) .. "&size=20")
end
