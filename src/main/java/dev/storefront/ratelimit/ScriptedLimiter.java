package dev.storefront.ratelimit;

import java.util.List;
import java.util.UUID;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * Fixed window and sliding log: one atomic script over one key, timed by Redis, one round trip.
 */
final class ScriptedLimiter implements Limiter {

	private final StringRedisTemplate redis;

	private final RedisScript<List> script;

	private final String policy;

	private final boolean slidingLog;

	private final long limit;

	private final long windowMillis;

	private final List<Decision.Quota> quotas;

	private ScriptedLimiter(StringRedisTemplate redis, RedisScript<List> script, String policy, boolean slidingLog,
			long limit, long windowMillis) {
		this.redis = redis;
		this.script = script;
		this.policy = policy;
		this.slidingLog = slidingLog;
		this.limit = limit;
		this.windowMillis = windowMillis;
		this.quotas = List.of(new Decision.Quota(limit, Math.max(1, windowMillis / 1000)));
	}

	static ScriptedLimiter fixedWindow(StringRedisTemplate redis, String policy, long limit, long windowMillis) {
		return new ScriptedLimiter(redis, RateLimitScripts.FIXED_WINDOW, policy, false, limit, windowMillis);
	}

	static ScriptedLimiter slidingLog(StringRedisTemplate redis, String policy, long limit, long windowMillis) {
		return new ScriptedLimiter(redis, RateLimitScripts.SLIDING_LOG, policy, true, limit, windowMillis);
	}

	@Override
	public Decision acquire(String subject) {
		List<?> result;
		String member = null;
		if (slidingLog) {
			// The member only has to be unique; its score (the time) comes from Redis.
			member = UUID.randomUUID().toString();
			result = redis.execute(script, List.of(RateLimitKeys.slidingLog(policy, subject)), String.valueOf(limit),
					String.valueOf(windowMillis), member);
		}
		else {
			result = redis.execute(script, List.of(RateLimitKeys.fixedWindow(policy, subject)), String.valueOf(limit),
					String.valueOf(windowMillis));
		}
		if (result == null || result.size() < 4) {
			throw new IllegalStateException("Unexpected reply from rate limit script: " + result);
		}
		boolean allowed = number(result.get(0)) == 1;
		long remaining = number(result.get(1));
		long resetAt = number(result.get(2));
		long now = number(result.get(3));
		return new Decision(allowed, limit, remaining, resetAt, allowed ? 0 : Math.max(0, resetAt - now), quotas,
				now, allowed ? member : null);
	}

	/** Removes the request's own member from the log: one ZREM on the policy's one key. */
	@Override
	public void giveBack(String subject, Decision decision) {
		if (!slidingLog || decision.receipt() == null) {
			throw new UnsupportedOperationException("Only a sliding log gives back a counted request");
		}
		redis.opsForZSet().remove(RateLimitKeys.slidingLog(policy, subject), decision.receipt());
	}

	private static long number(Object value) {
		return ((Number) value).longValue();
	}

}
