package dev.storefront.views;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import dev.storefront.web.ApiAccess;
import dev.storefront.web.ApiAccess.Audience;

import java.time.LocalDate;
import java.util.List;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.storefront.analytics.UniqueVisitors;
import dev.storefront.analytics.UniqueVisitors.VisitorCount;
import dev.storefront.catalog.ProductService;
import dev.storefront.catalog.ProductViews;

@Tag(name = "views")
@ApiAccess(Audience.ANYONE)
@RestController
class ViewStatsController {

	private final ProductService products;

	private final ProductViews database;

	private final UniqueVisitors visitors;

	private final StringRedisTemplate redis;

	ViewStatsController(ProductService products, ProductViews database, UniqueVisitors visitors,
			StringRedisTemplate redis) {
		this.products = products;
		this.database = database;
		this.visitors = visitors;
		this.redis = redis;
	}

	/**
	 * {@code {views, uniqueVisitorsToday}}, plus {@code range} when {@code from} or {@code to} is given
	 * (ISO dates, UTC; the range is merged with one multi-key PFCOUNT). With Redis down, the database
	 * count alone: views not flushed yet are missing until it is back, visitors read 0.
	 */
	@Operation(summary = "Get a product's view statistics", description = "Views (database count plus what is not flushed yet) and today's unique visitors; with `from`/`to` (at most 35 days) also the range's unique visitors and daily counts.")
	@GetMapping("/api/products/{id}/stats")
	ViewStats stats(@PathVariable long id,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
		products.find(id);
		long persisted = database.count(id);
		LocalDate today = visitors.today();
		VisitorCount range = null;
		if (from != null || to != null) {
			LocalDate end = to == null ? today : to;
			// Validated before Redis is asked, so a bad range is a 400 whatever Redis' state.
			range = visitors.count(id, from == null ? end : from, end);
		}
		try {
			List<String> unflushed = redis.opsForValue().multiGet(List.of(ViewKeys.pending(id), ViewKeys.flushing(id)));
			long pending = unflushed == null ? 0 : unflushed.stream().mapToLong(v -> v == null ? 0 : Long.parseLong(v)).sum();
			long todayCount = visitors.count(id, today, today).uniqueVisitors();
			return new ViewStats(persisted + pending, todayCount, range == null ? null
					: new ViewStats.VisitorRange(range.from(), range.to(), range.uniqueVisitors(), range.daily()));
		}
		catch (RuntimeException ex) {
			return new ViewStats(persisted, 0, null);
		}
	}

}
