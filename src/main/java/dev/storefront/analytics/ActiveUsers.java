package dev.storefront.analytics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Service;

/**
 * Daily active users as one bitmap per day, the bit at each user's id (about 125 kB per million ids).
 * Each instance remembers whom it already marked today, so an active user costs one SETBIT per day and
 * instance, not one per request.
 */
@Service
class ActiveUsers {

	/** SETBIT offsets are 32-bit. */
	private static final long MAX_USER_ID = (1L << 32) - 1;

	private final StringRedisTemplate redis;

	private final AnalyticsProperties properties;

	private final AnalyticsRecorder recorder;

	private final Clock clock = Clock.systemUTC();

	private final AtomicReference<MarkedToday> marked = new AtomicReference<>(new MarkedToday(LocalDate.MIN));

	ActiveUsers(StringRedisTemplate redis, AnalyticsProperties properties, AnalyticsRecorder recorder) {
		this.redis = redis;
		this.properties = properties;
		this.recorder = recorder;
	}

	/** Marks the user active today, at most once per day from this instance. */
	void markActive(long userId) {
		LocalDate today = LocalDate.now(clock);
		if (userId < 0 || userId > MAX_USER_ID) {
			return;
		}
		MarkedToday day = marked.updateAndGet(current -> current.date.equals(today) ? current : new MarkedToday(today));
		if (day.users.add(userId)) {
			// Queued; a lost record takes the user out of the set again, so the next request retries.
			recorder.active(userId, day.users);
		}
	}

	long count(LocalDate day) {
		DateRanges.days(day, day, properties.activeUserRetention());
		Long count = redis.execute(connection -> connection.stringCommands()
			.bitCount(AnalyticsKeys.activeUsers(day).getBytes()), true);
		return count == null ? 0 : count;
	}

	/**
	 * Users active on every day of the range ({@link Mode#ALL}, BITOP AND) or on at least one
	 * ({@link Mode#ANY}, BITOP OR).
	 */
	long count(LocalDate from, LocalDate to, Mode mode) {
		List<LocalDate> days = DateRanges.days(from, to, properties.activeUserRetention());
		List<String> keys = new ArrayList<>();
		keys.add(AnalyticsKeys.activeUsersCombined(mode.name().toLowerCase(), from, to));
		days.forEach(day -> keys.add(AnalyticsKeys.activeUsers(day)));
		Long count = redis.execute(AnalyticsScripts.COUNT_ACTIVE, keys, mode.operator,
				String.valueOf(properties.combinedResultTtl().toMillis()));
		return count == null ? 0 : count;
	}

	/** How days combine in a range query. */
	enum Mode {

		ALL("AND"), ANY("OR");

		private final String operator;

		Mode(String operator) {
			this.operator = operator;
		}

		/** As the API spells it: {@code all} or {@code any}. */
		@Override
		public String toString() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	private static final class MarkedToday {

		private final LocalDate date;

		private final Set<Long> users = ConcurrentHashMap.newKeySet();

		private MarkedToday(LocalDate date) {
			this.date = date;
		}

	}

}
