package dev.storefront.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * Distinct visitors per product and day, estimated with one HyperLogLog per day (about 0.8% error,
 * at most 12 kB per key whatever the traffic). A range merges its days with one multi-key PFCOUNT.
 */
@Service
public class UniqueVisitors {

	private final StringRedisTemplate redis;

	private final AnalyticsProperties properties;

	private final RecordingFailures failures;

	private final Clock clock = Clock.systemUTC();

	UniqueVisitors(StringRedisTemplate redis, AnalyticsProperties properties, RecordingFailures failures) {
		this.redis = redis;
		this.properties = properties;
		this.failures = failures;
	}

	/**
	 * Counts {@code visitorId} (e.g. {@code u:7} for a user) as a visitor of the product today. Best
	 * effort: a Redis failure is counted in {@code storefront.analytics.lost} and swallowed.
	 */
	public void record(long productId, String visitorId) {
		try {
			redis.execute(AnalyticsScripts.ADD_VISITOR,
					List.of(AnalyticsKeys.uniqueVisitors(productId, LocalDate.now(clock))),
					String.valueOf(properties.uniqueVisitorRetention().toMillis()), visitorId);
		}
		catch (DataAccessException ex) {
			failures.lost("unique-visitors", ex);
		}
	}

	/**
	 * Distinct visitors of a product over {@code from..to} (inclusive), and per day.
	 * @throws dev.storefront.web.InvalidRequest if the range is reversed or longer than the retention
	 */
	public VisitorCount count(long productId, LocalDate from, LocalDate to) {
		List<LocalDate> days = DateRanges.days(from, to, properties.uniqueVisitorRetention());
		List<String> keys = days.stream().map(day -> AnalyticsKeys.uniqueVisitors(productId, day)).toList();
		Long total = redis.opsForHyperLogLog().size(keys.toArray(String[]::new));
		List<Object> perDay = redis.executePipelined((RedisCallback<Object>) connection -> {
			keys.forEach(key -> connection.hyperLogLogCommands().pfCount(key.getBytes()));
			return null;
		});
		Map<LocalDate, Long> daily = new LinkedHashMap<>();
		for (int i = 0; i < days.size(); i++) {
			daily.put(days.get(i), ((Number) perDay.get(i)).longValue());
		}
		return new VisitorCount(productId, from, to, total == null ? 0 : total, daily);
	}

	/** Today in the analytics time zone (UTC). */
	public LocalDate today() {
		return LocalDate.now(clock);
	}

	/**
	 * Distinct visitors of one product over a range of days.
	 *
	 * @param uniqueVisitors distinct visitors over the whole range (a visitor on several days counts once)
	 * @param daily distinct visitors per day
	 */
	public record VisitorCount(long productId, LocalDate from, LocalDate to, long uniqueVisitors,
			Map<LocalDate, Long> daily) {
	}

}
