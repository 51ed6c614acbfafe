package dev.storefront.jobs;

import java.time.Duration;
import java.util.random.RandomGenerator;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a failed job waits before its next attempt.
 *
 * @param type {@code none} (retry at once), {@code fixed} or {@code exponential}
 * @param delay the fixed delay, or the first delay of the exponential series (doubling per attempt)
 * @param jitter the fraction of the delay taken off at random (0 = exact, 0.2 = between 80 % and 100 %)
 */
public record Backoff(@DefaultValue("none") Type type, @DefaultValue("1s") Duration delay,
		@DefaultValue("0") double jitter) {

	public Backoff {
		if (jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("backoff jitter must be within 0..1");
		}
	}

	public static Backoff exponential(Duration delay) {
		return new Backoff(Type.EXPONENTIAL, delay, 0);
	}

	public static Backoff fixed(Duration delay) {
		return new Backoff(Type.FIXED, delay, 0);
	}

	public Backoff withJitter(double jitter) {
		return new Backoff(type, delay, jitter);
	}

	/** The delay before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed. */
	static long delayMillis(Type type, long baseMillis, double jitter, int attempt, RandomGenerator random) {
		return delayMillis(type, baseMillis, jitter, attempt, 0, random);
	}

	/**
	 * The delay before attempt {@code attempt + 1}, at most {@code maxMillis} (0 = no ceiling); the
	 * jitter applies to the capped delay, so retries of many jobs at the ceiling still spread out.
	 */
	static long delayMillis(Type type, long baseMillis, double jitter, int attempt, long maxMillis,
			RandomGenerator random) {
		long delay = switch (type) {
			case NONE -> 0;
			case FIXED -> baseMillis;
			case EXPONENTIAL -> baseMillis * (1L << Math.min(attempt - 1, 30));
		};
		if (maxMillis > 0) {
			delay = Math.min(delay, maxMillis);
		}
		return jitter == 0 ? delay : Math.round(delay * (1 - jitter * random.nextDouble()));
	}

	/** The backoff strategies. */
	public enum Type {

		NONE, FIXED, EXPONENTIAL

	}

}
