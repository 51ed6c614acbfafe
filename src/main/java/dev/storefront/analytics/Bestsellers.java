package dev.storefront.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.ZSetOperations.TypedTuple;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.storefront.order.Order;

/**
 * Units sold per product and ISO week, counted from confirmed orders after their transaction commits
 * (a rolled-back payment never counts).
 */
@Service
class Bestsellers {

	private final StringRedisTemplate redis;

	private final AnalyticsProperties properties;

	private final RecordingFailures failures;

	private final Clock clock = Clock.systemUTC();

	Bestsellers(StringRedisTemplate redis, AnalyticsProperties properties, RecordingFailures failures) {
		this.redis = redis;
		this.properties = properties;
		this.failures = failures;
	}

	@TransactionalEventListener
	void on(Order.OrderConfirmed confirmed) {
		IsoWeek week = IsoWeek.of(LocalDate.ofInstant(confirmed.occurredAt(), ZoneOffset.UTC));
		List<String> args = new ArrayList<>();
		args.add(String.valueOf(properties.bestsellerRetention().toMillis()));
		confirmed.items().forEach(line -> {
			args.add(String.valueOf(line.productId()));
			args.add(String.valueOf(line.quantity()));
		});
		try {
			redis.execute(AnalyticsScripts.COUNT_SALE, List.of(AnalyticsKeys.bestsellers(week)), args.toArray());
		}
		catch (DataAccessException ex) {
			failures.lost("bestsellers", ex);
		}
	}

	IsoWeek currentWeek() {
		return IsoWeek.of(LocalDate.now(clock));
	}

	/** Product id to units sold, best first. */
	Map<Long, Long> top(IsoWeek week, int limit) {
		Set<TypedTuple<String>> ranked = redis.opsForZSet()
			.reverseRangeWithScores(AnalyticsKeys.bestsellers(week), 0, limit - 1);
		Map<Long, Long> top = new LinkedHashMap<>();
		if (ranked != null) {
			ranked.forEach(t -> top.put(Long.parseLong(t.getValue()), t.getScore() == null ? 0 : t.getScore().longValue()));
		}
		return top;
	}

}
