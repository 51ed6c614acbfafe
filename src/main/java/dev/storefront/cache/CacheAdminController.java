package dev.storefront.cache;

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
 * KEYS) or invalidate a tag, on every instance.
 */
@RestController
@RequestMapping("/api/admin/caches")
class CacheAdminController {

	private final CacheManager caches;

	private final TagCache tags;

	CacheAdminController(CacheManager caches, TagCache tags) {
		this.caches = caches;
		this.tags = tags;
	}

	@DeleteMapping("/{name}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void clear(@PathVariable String name) {
		Cache cache = caches.getCache(name);
		if (cache == null) {
			throw new UnknownCache(name);
		}
		cache.clear();
	}

	@DeleteMapping("/tags/{tag}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void invalidate(@PathVariable String tag) {
		tags.invalidate(tag);
	}

}
