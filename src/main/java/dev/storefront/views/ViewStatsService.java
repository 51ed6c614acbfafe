package dev.storefront.views;

import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

import dev.storefront.analytics.UniqueVisitors;
import dev.storefront.analytics.UniqueVisitors.VisitorStats;
import dev.storefront.catalog.ProductViews;
import dev.storefront.web.StoreFailures;

/**
 * A product's view statistics: the persisted count (one database read, which also answers "does the
 * product exist") plus, from Redis, the views not flushed yet (one MGET) and the visitor estimates (one
 * pipeline). With Redis unavailable, the database count alone.
 */
@Service
class ViewStatsService {

	private static final Logger log = LoggerFactory.getLogger(ViewStatsService.class);

	private final ProductViews database;

	private final UniqueVisitors visitors;

	private final StringRedisTemplate redis;

	ViewStatsService(ProductViews database, UniqueVisitors visitors, StringRedisTemplate redis) {
		this.database = database;
		this.visitors = visitors;
		this.redis = redis;
	}

	/**
	 * @param from first day of a visitor range (default: {@code to}); with both {@code null}, no range
	 * @param to last day of the range (default: today)
	 * @throws dev.storefront.catalog.ProductNotFound if no live product has this id
	 * @throws dev.storefront.web.InvalidRequest if the range is reversed or longer than the retention
	 */
	ViewStats stats(long id, LocalDate from, LocalDate to) {
		long persisted = database.count(id);
		LocalDate end = to != null ? to : from != null ? visitors.today() : null;
		LocalDate start = from == null ? end : from;
		try {
			// Visitors first: it validates the range before asking Redis, so a bad range is a 400 in any state.
			VisitorStats visits = visitors.stats(id, start, end);
			List<String> unflushed = redis.opsForValue().multiGet(List.of(ViewKeys.pending(id), ViewKeys.flushing(id)));
			long pending = unflushed == null ? 0 : unflushed.stream().mapToLong(v -> v == null ? 0 : Long.parseLong(v)).sum();
			return new ViewStats(persisted + pending, visits.today(), visits.range() == null ? null
					: new ViewStats.VisitorRange(start, end, visits.range().uniqueVisitors(), visits.range().daily()));
		}
		catch (RuntimeException ex) {
			if (!StoreFailures.isUnavailable(ex)) {
				throw ex;
			}
			log.debug("View stats of {} without Redis: {}", id, ex.toString());
			return new ViewStats(persisted, 0, null);
		}
	}

}
