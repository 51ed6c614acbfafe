package dev.storefront.cache;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator actions (ADMIN, by the {@code /api/admin/**} rule): clear a cache (SCAN per master, never
 * KEYS), evict one entry or invalidate a tag, on every instance.
 */
@Tag(name = "cache")
@ApiAccess(Audience.ADMIN)
@RestController
@RequestMapping("/api/admin/caches")
class CacheAdminController {

	private final CacheManager caches;

	private final TagCache tags;

	CacheAdminController(CacheManager caches, TagCache tags) {
		this.caches = caches;
		this.tags = tags;
	}

	@Operation(summary = "Clear a cache everywhere", description = "Both levels, on every instance (SCAN per master, never KEYS).")
	@ApiResponse(responseCode = "204", description = "Cleared")
	@DeleteMapping("/{name}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void clear(@PathVariable String name) {
		cache(name).clear();
	}

	@Operation(summary = "Evict one cache entry everywhere", description = "Both levels, on every instance; the key as the cache writes it, e.g. a product id `42`. Evicting an absent key is not an error.")
	@ApiResponse(responseCode = "204", description = "Evicted")
	@DeleteMapping("/{name}/entries/{key}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void evict(@PathVariable String name, @PathVariable String key) {
		cache(name).evict(key);
	}

	@Operation(summary = "Invalidate a cache tag", description = "Every entry tagged so, e.g. `category:7`.")
	@ApiResponse(responseCode = "204", description = "Invalidated")
	@DeleteMapping("/tags/{tag}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void invalidate(@PathVariable String tag) {
		tags.invalidate(tag);
	}

	private Cache cache(String name) {
		Cache cache = caches.getCache(name);
		if (cache == null) {
			throw new UnknownCache(name);
		}
		return cache;
	}

}
