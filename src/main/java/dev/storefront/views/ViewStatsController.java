package dev.storefront.views;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.catalog.ProductViews;

@RestController
class ViewStatsController {

	private final ProductViews database;

	private final StringRedisTemplate redis;

	ViewStatsController(ProductViews database, StringRedisTemplate redis) {
		this.database = database;
		this.redis = redis;
	}

	/** With Redis down, the database count alone (views not flushed yet are missing until it is back). */
	@GetMapping("/api/products/{id}/stats")
	ViewStats stats(@PathVariable long id) {
		long persisted = database.count(id);
		try {
			List<String> unflushed = redis.opsForValue().multiGet(List.of(ViewKeys.pending(id), ViewKeys.flushing(id)));
			long pending = unflushed == null ? 0 : unflushed.stream().mapToLong(v -> v == null ? 0 : Long.parseLong(v)).sum();
			Long visitors = redis.opsForHyperLogLog().size(ViewKeys.visitors(id, LocalDate.now(ZoneOffset.UTC)));
			return new ViewStats(persisted + pending, visitors == null ? 0 : visitors);
		}
		catch (RuntimeException ex) {
			return new ViewStats(persisted, 0);
		}
	}

}
